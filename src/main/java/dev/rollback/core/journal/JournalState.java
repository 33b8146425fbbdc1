package dev.rollback.core.journal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** What a journal says happened, derived from its entries (the only source of truth). */
public record JournalState(TreeSet<Integer> intended, TreeSet<Integer> applied, TreeSet<Integer> compensated,
        Optional<Outcome> outcome, Instant startedAt, Optional<Instant> endedAt) {

    public static JournalState of(List<JournalEntry> entries) {
        TreeSet<Integer> intended = new TreeSet<>();
        TreeSet<Integer> applied = new TreeSet<>();
        TreeSet<Integer> compensated = new TreeSet<>();
        Optional<Outcome> outcome = Optional.empty();
        Optional<Instant> endedAt = Optional.empty();
        for (JournalEntry e : entries) {
            switch (e.type()) {
                case INTENT -> intended.add(e.step());
                case APPLIED -> applied.add(e.step());
                case COMPENSATED -> {
                    compensated.add(e.step());
                    applied.remove(e.step());
                }
                case END -> {
                    outcome = Optional.of(e.outcome());
                    endedAt = Optional.of(e.at());
                }
                default -> {
                }
            }
        }
        Instant started = entries.isEmpty() ? Instant.EPOCH : entries.get(0).at();
        return new JournalState(intended, applied, compensated, outcome, started, endedAt);
    }

    public boolean finished() {
        return outcome.isPresent();
    }
}
