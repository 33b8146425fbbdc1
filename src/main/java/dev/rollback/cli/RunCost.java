package dev.rollback.cli;

import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.journal.JournalEntry.Type;
import dev.rollback.core.model.ModelSteps;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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

    /** From each rollout step's INTENT to the APPLIED or FAILED that ended it. */
    static Duration rolloutWait(Journal journal) {
        List<JournalEntry> entries = journal.entries();
        Duration sum = Duration.ZERO;
        for (int i = 0; i < entries.size(); i++) {
            JournalEntry intent = entries.get(i);
            if (intent.type() != Type.INTENT || !ModelSteps.ROLLOUT_TYPE.equals(journal.plan().steps().get(intent.step()).type())) {
                continue;
            }
            for (JournalEntry later : entries.subList(i + 1, entries.size())) {
                if (later.step() == intent.step() && (later.type() == Type.APPLIED || later.type() == Type.FAILED)) {
                    sum = sum.plus(Duration.between(intent.at(), later.at()));
                    break;
                }
            }
        }
        return sum;
    }
}
