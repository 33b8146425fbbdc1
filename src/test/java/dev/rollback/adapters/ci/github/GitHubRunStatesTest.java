package dev.rollback.adapters.ci.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.retrain.PipelineStatus.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Statuses and conclusions of docs.github.com/en/rest/actions/workflow-runs (and gh run list --status),
 * mapped: only "success" is a good retrain.
 */
class GitHubRunStatesTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "queued, null, PENDING", "requested, null, PENDING", "waiting, null, PENDING", "pending, null, PENDING",
            "in_progress, null, RUNNING", "completed, success, SUCCEEDED", "completed, failure, FAILED",
            "completed, timed_out, FAILED", "completed, action_required, FAILED", "completed, startup_failure, FAILED",
            "completed, neutral, FAILED", "completed, cancelled, CANCELED", "completed, skipped, CANCELED",
            "completed, stale, CANCELED", "completed, null, FAILED", "brand_new, null, PENDING"})
    void mapsStatusAndConclusion(String status, String conclusion, State ours) {
        assertThat(GitHubRunStates.of(status, conclusion)).isEqualTo(ours);
    }
}
