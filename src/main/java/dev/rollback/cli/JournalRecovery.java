package dev.rollback.cli;

import dev.rollback.cli.render.PlanRenderer;
import dev.rollback.cli.render.Style;
import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalState;
import dev.rollback.core.plan.RollbackRunner;
import dev.rollback.core.plan.StepContext;

import java.time.Duration;

/** Shared by {@code resume} and {@code abort}: find the journal, check it, run, report. */
final class JournalRecovery {

    private JournalRecovery() {
    }

    static Journal open(CliContext ctx, String id) {
        Journal journal = Wiring.journals(ctx).open(id).orElseThrow(() -> new CliException(ExitCode.NOT_FOUND,
                "no rollback journal '" + id + "' in " + Wiring.stateDir(ctx.env()).resolve("journal")
                        + "; list them with 'rollback history'"));
        JournalState state = JournalState.of(journal.entries());
        if (state.finished()) {
            throw new CliException(ExitCode.USAGE, "rollback " + id + " already ended ("
                    + state.outcome().orElseThrow() + "); there is nothing to resume or abort");
        }
        return journal;
    }

    static int run(CliContext ctx, Journal journal, boolean abort, boolean yes, String by, Duration timeout,
            String kubeContext) {
        int done = JournalState.of(journal.entries()).applied().size();
        ctx.out().println((abort ? "Abort" : "Resume") + " " + journal.id() + " (" + journal.plan().service() + "): "
                + done + " of " + journal.plan().steps().size() + " steps applied; journal " + journal.location());
        Confirmation.require(ctx, yes, (abort ? "Undo every applied step of " : "Finish ") + journal.id() + "?");
        String who = Who.resolve(by, ctx.env(), ctx.cwd());
        ProgressPrinter progress = new ProgressPrinter(ctx.err(), ctx.interactive(), journal.plan().steps().size(),
                ctx.env());
        StepContext stepContext = new StepContext(journal.id(), who, journal.plan().reason(), timeout,
                progress::progress);
        RollbackRunner runner = Wiring.rollback(ctx, ctx.service(journal.plan().service()), kubeContext).runner();
        RollbackRunner.Run run = abort
                ? runner.abort(journal, PlanFlow.owner(ctx), stepContext, progress)
                : runner.resume(journal, PlanFlow.owner(ctx), stepContext, progress);
        ctx.out().println(PlanRenderer.summary(journal.plan(), run.result(),
                new Style(ctx.colors())));
        return Outcomes.exitCode(run.result().outcome()).code();
    }
}
