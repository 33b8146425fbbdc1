package dev.rollback.core.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one drill measured, kept in the state directory for {@code drill --history}.
 *
 * @param detection     from the drill version being live (rollout done) to the decision to roll back
 * @param triage        from that decision to the rollback's plan being made
 * @param execution     the rollback's plan, first step to last
 * @param verification  the metrics recovering after it
 * @param mttr          their sum; null when a phase did not happen
 * @param synthetic     the breach was injected by the drill (drill.syntheticBreach), not seen in the real metrics
 * @param differences   what the restore did not bring back exactly; empty = restored exactly
 * @param failure       why the drill failed, or null
 */
public record DrillReport(String id, String service, Instant startedAt, Instant endedAt, String drillVersion,
        String originalVersion, String deployJournal, String rollbackJournal, String restoreJournal,
        Duration detection, Duration triage, Duration execution, Duration verification, Duration mttr,
        Duration budget, boolean synthetic, boolean verified, boolean restored, List<String> differences,
        String failure) {

    public DrillReport {
        differences = List.copyOf(differences);
    }

    public boolean passed() {
        return failure == null && restored && verified && mttr != null && mttr.compareTo(budget) <= 0;
    }
}
