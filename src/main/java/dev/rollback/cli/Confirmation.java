package dev.rollback.cli;

import java.io.IOException;

/** Destructive commands ask on a terminal and demand --yes everywhere else. Nothing changes without one. */
final class Confirmation {

    private Confirmation() {
    }

    static void require(CliContext ctx, boolean yes, String question) {
        if (yes) {
            return;
        }
        if (!ctx.interactive()) {
            throw new CliException(ExitCode.REFUSED, "not changing anything: stdin is not a terminal, so nobody can "
                    + "confirm; review the plan above and rerun with --yes");
        }
        ctx.err().print(question + " [y/N] ");
        ctx.err().flush();
        String answer;
        try {
            answer = ctx.in().readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !(answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"))) {
            throw new CliException(ExitCode.REFUSED, "not confirmed: nothing was changed");
        }
    }
}
