package dev.rollback.cli;

import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.journal.JournalEntry.Type;
import dev.rollback.core.infra.InfraUndoStep;
import dev.rollback.core.model.ModelSteps;
import dev.rollback.core.serving.RolloutStep;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a rollback cost: the tool's own time (since the command started, minus the rollout waits the
 * journal timed; JVM start-up comes before and is measured from outside) and its round trips per
 * backend. Printed with {@code --verbose}; the benchmark reads it.
 */
final class RunCost {

    private RunCost() {
    }

    static String describe(Journal journal, RoundTrips trips, Instant start, Instant end) {
        long total = Duration.between(start, end).toMillis();
        long waiting = rolloutWait(journal).toMillis();
        return "cost: " + (total - waiting) + " ms of the tool's own work (" + total + " ms since the command started, "
                + waiting + " ms of it waiting for the rollout); round trips: " + trips.describe();
    }

    /**
     * Waiting for rollouts: each rollout step from its INTENT to the APPLIED or FAILED that ended it, and
     * each undo of the serving reference (which waits for the rollout back) from COMPENSATE_INTENT on.
     */
    static Duration rolloutWait(Journal journal) {
        List<JournalEntry> entries = journal.entries();
        Duration sum = Duration.ZERO;
        for (int i = 0; i < entries.size(); i++) {
            JournalEntry start = entries.get(i);
            if (start.step() < 0) {
                continue;
            }
            String type = journal.plan().steps().get(start.step()).type();
            Set<Type> ends;
            if (start.type() == Type.INTENT && RolloutStep.TYPE.equals(type)) {
                ends = Set.of(Type.APPLIED, Type.FAILED);
            } else if (start.type() == Type.COMPENSATE_INTENT && (ModelSteps.SERVING_REFERENCE_TYPE.equals(type)
                    || InfraUndoStep.TYPE.equals(type))) {
                ends = Set.of(Type.COMPENSATED, Type.COMPENSATION_FAILED);
            } else {
                continue;
            }
            for (JournalEntry later : entries.subList(i + 1, entries.size())) {
                if (later.step() == start.step() && ends.contains(later.type())) {
                    sum = sum.plus(Duration.between(start.at(), later.at()));
                    break;
                }
            }
        }
        return sum;
    }
}
