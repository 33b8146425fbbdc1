package dev.rollback.core.candidates;

import dev.rollback.core.registry.ModelVersion;

import java.util.OptionalDouble;

/**
 * A version that is safe to roll back to, with why it ranks where it does.
 *
 * @param rank          1 = best
 * @param primaryMetric the service's primary metric from the version's run, when known
 */
public record Candidate(int rank, ModelVersion version, Tier tier, String reason, OptionalDouble primaryMetric) {

    /** Ranking tiers, best first. */
    public enum Tier {
        /** tagged as healthy baseline: a human or CI vouched for it */
        HEALTHY_BASELINE,
        /** was live before and left service without being rolled back from */
        PREVIOUSLY_LIVE,
        /** archived: once registered and staged, no stronger evidence */
        ARCHIVED
    }

    public Candidate withPrimaryMetric(OptionalDouble value) {
        return new Candidate(rank, version, tier, reason, value);
    }
}
