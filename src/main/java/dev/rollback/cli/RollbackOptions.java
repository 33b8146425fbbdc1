package dev.rollback.cli;

import picocli.CommandLine.Option;


/** The options every command that changes things shares: who and why, dry run, confirmation, lock. */
final class RollbackOptions {

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why; recorded in the journal, tags and change cause.")
    String reason;

    @Option(names = "--by", paramLabel = "WHO", description = "Who (default: $ROLLBACK_USER, git user.email, user@host).")
    String by;

    @Option(names = "--dry-run", description = "Show the plan and the preflight checks; change nothing.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (required when stdin is not a terminal).")
    boolean yes;

    @Option(names = "--steal-lock", description = "Take over the service's lock if its holder stopped renewing it.")
    boolean stealLock;

    boolean reasonGiven() {
        return reason != null && !reason.isBlank();
    }

    /** The reason as recorded: what was typed, or a marker that nothing was. */
    String reasonText() {
        return reasonGiven() ? reason.strip() : "(no reason given)";
    }

    String who(CliContext ctx) {
        return Who.resolve(by, ctx.env(), ctx.cwd());
    }
}
