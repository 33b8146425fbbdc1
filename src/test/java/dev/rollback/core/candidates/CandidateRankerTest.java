package dev.rollback.core.candidates;

import dev.rollback.core.Versions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CandidateRankerTest {

    @Test
    void seedScenarioRanksBaselineFirstThenLeftoverProductionThenArchivedAndNeverTheLiveVersion() {
        Candidates c = CandidateRanker.rank(Versions.seedScenario().view());

        assertThat(c.liveVersion()).contains("7");
        assertThat(c.ranked()).extracting(x -> x.version().version(), Candidate::tier, Candidate::rank).containsExactly(
                tuple("5", Candidate.Tier.HEALTHY_BASELINE, 1),
                tuple("6", Candidate.Tier.PREVIOUSLY_LIVE, 2),
                tuple("4", Candidate.Tier.PREVIOUSLY_LIVE, 3),
                tuple("3", Candidate.Tier.ARCHIVED, 4));
        assertThat(c.excluded()).extracting(e -> e.version().version(), Exclusion::reason).containsExactly(
                tuple("7", Exclusion.Reason.LIVE),
                tuple("2", Exclusion.Reason.NO_EVIDENCE),
                tuple("1", Exclusion.Reason.NO_EVIDENCE));
    }

    @Test
    void baselinesNewestFirst() {
        Candidates c = CandidateRanker.rank(Versions.model()
                .version(2, "None", "rollback.healthy_baseline=true")
                .version(4, "Archived", "rollback.healthy_baseline=true")
                .version(9, "Production").alias("champion", 9).view());

        assertThat(c.ranked()).extracting(x -> x.version().version()).containsExactly("4", "2");
    }

    @Test
    void rolledBackFromAndNotReadyVersionsAreNeverOffered() {
        Candidates c = CandidateRanker.rank(Versions.model()
                .version(3, "Archived", "rollback.healthy_baseline=true", "rollback.role=rolled_back_from",
                        "rollback.reason=bad embeddings")
                .versionWithStatus(4, "None", "FAILED_REGISTRATION", "rollback.healthy_baseline=true")
                .version(5, "Archived")
                .version(6, "Production").alias("champion", 6).view());

        assertThat(c.ranked()).extracting(x -> x.version().version()).containsExactly("5");
        assertThat(c.excluded()).extracting(e -> e.version().version(), Exclusion::reason, Exclusion::detail)
                .contains(tuple("3", Exclusion.Reason.ROLLED_BACK_FROM, "tagged as rolled back from (reason: bad embeddings)"),
                        tuple("4", Exclusion.Reason.NOT_READY, "status is FAILED_REGISTRATION, not READY"));
    }

    @Test
    void previouslyLiveOrderedByMostRecentlyLive() {
        Candidates c = CandidateRanker.rank(Versions.model().live("champion", null)
                .version(3, "None", "rollback.live_until=2026-11-20T10:00:00Z")
                .version(4, "None", "rollback.live_until=2026-11-10T10:00:00Z")
                .version(5, "None", "rollback.role=rollback_target")
                .version(8, "None").alias("champion", 8).view());

        assertThat(c.ranked()).extracting(x -> x.version().version(), Candidate::reason).containsExactly(
                tuple("3", "was live until 2026-11-20T10:00:00Z"),
                tuple("4", "was live until 2026-11-10T10:00:00Z"),
                tuple("5", "was live after a rollback"));
    }

    @Test
    void noSafeTargetWhenOnlyTheLiveVersionExists() {
        Candidates c = CandidateRanker.rank(Versions.model().version(1, "Production").alias("champion", 1).view());

        assertThat(c.ranked()).isEmpty();
        assertThat(c.best()).isEmpty();
    }
}
