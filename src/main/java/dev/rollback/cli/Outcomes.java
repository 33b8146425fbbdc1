package dev.rollback.cli;

import dev.rollback.core.journal.Outcome;

/** The exit code for how a rollback ended. */
final class Outcomes {

    private Outcomes() {
    }

    static ExitCode exitCode(Outcome outcome) {
        return switch (outcome) {
            case COMPLETED, ABORTED -> ExitCode.OK;
            case REVERTED -> ExitCode.REVERTED;
            case NEEDS_ATTENTION -> ExitCode.NEEDS_ATTENTION;
        };
    }
}
