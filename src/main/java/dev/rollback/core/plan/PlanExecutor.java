package dev.rollback.core.plan;

import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.journal.JournalEntry.Type;
import dev.rollback.core.journal.JournalState;
import dev.rollback.core.journal.Outcome;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Runs a plan all-or-nothing. Each step's INTENT is journaled before it runs and its result after;
 * when a step fails, every step that may have changed something (the failed one included, since it
 * may be half-done) is compensated in reverse order. The same code resumes or aborts a run that a
 * crash interrupted, from its journal.
 */
public final class PlanExecutor {

    private final StepFactory factory;
    private final ExecutionListener listener;
    private final Clock clock;
    private final BooleanSupplier lockHeld;

    public PlanExecutor(StepFactory factory, ExecutionListener listener, Clock clock, BooleanSupplier lockHeld) {
        this.factory = factory;
        this.listener = listener;
        this.clock = clock;
        this.lockHeld = lockHeld;
    }

    /** Runs every step of the journal's plan from the first one not yet applied. */
    public ExecutionResult run(Journal journal, StepContext context) {
        List<StepSpec> specs = journal.plan().steps();
        JournalState state = JournalState.of(journal.entries());
        List<Integer> touched = new ArrayList<>(state.intended());
        List<Integer> applied = new ArrayList<>(state.applied());
        for (int i = 0; i < specs.size(); i++) {
            if (state.applied().contains(i)) {
                continue; // resumed: already done
            }
            StepSpec spec = specs.get(i);
            listener.beforeStep(i, spec);
            if (!lockHeld.getAsBoolean()) {
                return revert(journal, context, touched, applied, i, new IllegalStateException(
                        "lost the rollback lock before step " + (i + 1) + "; stopping and undoing"));
            }
            journal.append(JournalEntry.step(clock.instant(), Type.INTENT, i, spec.describe()));
            if (!touched.contains(i)) {
                touched.add(i);
            }
            try {
                String observed = factory.create(spec).apply(context);
                journal.append(JournalEntry.step(clock.instant(), Type.APPLIED, i, observed));
                applied.add(i);
                listener.applied(i, spec, observed);
            } catch (RuntimeException e) {
                journal.append(JournalEntry.step(clock.instant(), Type.FAILED, i, message(e)));
                listener.failed(i, spec, e);
                return revert(journal, context, touched, applied, i, e);
            }
        }
        journal.append(JournalEntry.end(clock.instant(), Outcome.COMPLETED, "all " + specs.size() + " steps applied"));
        return new ExecutionResult(Outcome.COMPLETED, applied, List.of(), List.of(), Optional.empty());
    }

    /** Undoes every step that may have changed something, newest first; the operator asked for it. */
    public ExecutionResult abort(Journal journal, StepContext context) {
        JournalState state = JournalState.of(journal.entries());
        List<Integer> touched = new ArrayList<>(state.intended());
        touched.removeAll(state.compensated());
        journal.append(JournalEntry.note(clock.instant(), "abort requested by " + context.by()));
        return undo(journal, context, touched, new ArrayList<>(state.applied()), Outcome.ABORTED, Optional.empty());
    }

    private ExecutionResult revert(Journal journal, StepContext context, List<Integer> touched, List<Integer> applied,
            int failedStep, RuntimeException cause) {
        String failure = "step " + (failedStep + 1) + " (" + journal.plan().steps().get(failedStep).target()
                + ") failed: " + message(cause);
        return undo(journal, context, touched, applied, Outcome.REVERTED, Optional.of(failure));
    }

    private ExecutionResult undo(Journal journal, StepContext context, List<Integer> touched, List<Integer> applied,
            Outcome whenClean, Optional<String> failure) {
        List<StepSpec> specs = journal.plan().steps();
        List<Integer> compensated = new ArrayList<>();
        List<Integer> stuck = new ArrayList<>();
        List<Integer> order = new ArrayList<>(touched);
        order.sort((a, b) -> Integer.compare(b, a));
        for (int i : order) {
            StepSpec spec = specs.get(i);
            listener.compensating(i, spec);
            journal.append(JournalEntry.step(clock.instant(), Type.COMPENSATE_INTENT, i, spec.target() + ": back to "
                    + spec.before()));
            try {
                String observed = factory.create(spec).compensate(context);
                journal.append(JournalEntry.step(clock.instant(), Type.COMPENSATED, i, observed));
                compensated.add(i);
                listener.compensated(i, spec, observed);
            } catch (RuntimeException e) {
                journal.append(JournalEntry.step(clock.instant(), Type.COMPENSATION_FAILED, i, message(e)));
                stuck.add(i);
                listener.compensationFailed(i, spec, e);
            }
        }
        Outcome outcome = stuck.isEmpty() ? whenClean : Outcome.NEEDS_ATTENTION;
        String detail = stuck.isEmpty() ? "undid " + compensated.size() + " step(s)"
                : "could not undo step(s) " + stuck.stream().map(i -> String.valueOf(i + 1)).toList();
        journal.append(JournalEntry.end(clock.instant(), outcome, failure.map(f -> f + "; ").orElse("") + detail));
        List<Integer> stillApplied = new ArrayList<>(applied);
        stillApplied.removeAll(compensated);
        return new ExecutionResult(outcome, stillApplied, compensated, stuck, failure);
    }

    static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
