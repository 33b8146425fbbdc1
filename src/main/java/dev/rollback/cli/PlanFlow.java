package dev.rollback.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.cli.render.Json;
import dev.rollback.cli.render.PlanRenderer;
import dev.rollback.cli.render.Style;
import dev.rollback.core.lock.HeldLock;
import dev.rollback.core.lock.LockOwner;
import dev.rollback.core.plan.PlannedRollback;
import dev.rollback.core.plan.RollbackRunner;
import dev.rollback.core.plan.StepContext;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * What every rollback command does with its plan, in one place: show it (table or JSON), stop when a check
 * refuses or on a dry run, confirm, run it under the lock with its journal, and report how it ended.
 */
final class PlanFlow {

    private PlanFlow() {
    }

    /**
     * @param doc  the JSON document of the plan when the output is JSON, else null
     * @param lock null on a dry run (no lock is taken for one)
     */
    static int showConfirmRun(CliContext ctx, PlannedRollback planned, ObjectNode doc, HeldLock lock, boolean yes,
            RollbackRunner runner, Duration wait) {
        return showConfirmRun(ctx, planned, doc, lock, yes, runner, wait, (run, exitCode) -> exitCode);
    }

    /**
     * What a command does once its plan has run and the lock is released, before its JSON document is printed
     * (after the table summary): e.g. verify recovery, follow the CI run a retrain started. Gets the run's exit
     * code and returns the command's.
     */
    @FunctionalInterface
    interface AfterRun {
        int after(RollbackRunner.Run run, int exitCode);

        /** This, then {@code next} with the exit code this one returned. */
        default AfterRun then(AfterRun next) {
            return (run, exitCode) -> next.after(run, after(run, exitCode));
        }
    }

    /** As above, then {@code after}. */
    static int showConfirmRun(CliContext ctx, PlannedRollback planned, ObjectNode doc, HeldLock lock, boolean yes,
            RollbackRunner runner, Duration wait, AfterRun after) {
        String service = planned.plan().service();
        Style style = new Style(ctx.colors());
        if (doc == null) {
            PlanRenderer.table(planned, style, humanOut(ctx));
            humanOut(ctx).flush();
        }
        if (planned.refused()) {
            printIfJson(doc, ctx);
            throw new CliException(ExitCode.REFUSED, "refused, nothing changed: "
                    + String.join("; ", planned.failures().stream().map(c -> c.message()).toList()));
        }
        if (lock == null) {
            printIfJson(doc, ctx);
            ctx.err().println("dry run: nothing was changed");
            return ExitCode.OK.code();
        }
        Confirmation.require(ctx, yes, "Apply this rollback of " + service + "?");
        ProgressPrinter progress = new ProgressPrinter(ctx.err(), ctx.interactive(), planned.plan().steps().size(),
                ctx.env());
        StepContext stepContext = new StepContext(planned.plan().id(), planned.plan().by(), planned.plan().reason(), wait,
                progress::progress);
        RollbackRunner.Run run = runner.execute(planned.plan(), lock, stepContext, progress);
        // Released now, not when the command returns: verifying recovery or following a CI run can take minutes,
        // and another rollback of the service must not wait for them. Closing twice is harmless.
        lock.close();
        if (ctx.verbose()) {
            ctx.err().println(RunCost.describe(run.journal(), ctx.roundTrips(), ctx.startedAt(), Instant.now()));
        }
        int exitCode = Outcomes.exitCode(run.result().outcome()).code();
        if (doc != null) {
            PlanRenderer.outcome(doc, run.result(), run.journal().location());
            exitCode = after.after(run, exitCode);
            Json.print(doc, ctx.out());
        } else {
            PrintWriter out = humanOut(ctx);
            out.println();
            out.println(PlanRenderer.summary(planned.plan(), run.result(), style));
            out.println("journal: " + run.journal().location());
            out.flush();
            exitCode = after.after(run, exitCode);
        }
        return exitCode;
    }

    /**
     * Runs {@code planAndRun} under the service's lock, taken before planning so the plan is never made from a
     * state another rollback is changing; a dry run takes no lock (it changes nothing) and gets null.
     */
    static int lockedUnlessDryRun(CliContext ctx, RollbackRunner runner, RollbackOptions options,
            java.util.function.Function<HeldLock, Integer> planAndRun) {
        if (options.dryRun) {
            return planAndRun.apply(null);
        }
        try (HeldLock lock = runner.lock(owner(ctx), options.stealLock)) {
            return planAndRun.apply(lock);
        }
    }

    /**
     * Where a plan without a JSON document is shown: stdout, unless the command's own output is JSON (a drill's
     * rollback, run with -o json), where stdout must stay that one document.
     */
    static PrintWriter humanOut(CliContext ctx) {
        return ctx.output() == OutputFormat.json ? ctx.err() : ctx.out();
    }

    /** Who holds a lock: user@host and this process. */
    static LockOwner owner(CliContext ctx) {
        return new LockOwner(Who.userAtHost(ctx.env()), ProcessHandle.current().pid());
    }

    private static void printIfJson(ObjectNode doc, CliContext ctx) {
        if (doc != null) {
            Json.print(doc, ctx.out());
        }
    }
}
