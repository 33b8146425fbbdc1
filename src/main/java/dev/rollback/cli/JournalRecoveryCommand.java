package dev.rollback.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** Options and flow shared by {@code resume} and {@code abort}. */
abstract class JournalRecoveryCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    GlobalOptions globalOptions;

    @Parameters(paramLabel = "ID", description = "The rollback id (rb-...), as printed and shown by 'rollback status'.")
    String id;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--by", paramLabel = "WHO", description = "Who (default: $ROLLBACK_USER, git user.email, user@host).")
    String by;

    @Mixin
    RolloutTimeoutOption rolloutTimeout;

    @Mixin
    KubernetesContextOption kubernetesContext;

    /** True for abort (undo), false for resume (finish). */
    abstract boolean undo();

    @Override
    public Integer call() {
        CliContext ctx = root.context();
        return JournalRecovery.run(ctx, JournalRecovery.open(ctx, id), undo(), yes, by,
                rolloutTimeout.duration(), kubernetesContext.name);
    }
}
