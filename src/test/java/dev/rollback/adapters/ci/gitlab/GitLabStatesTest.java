package dev.rollback.adapters.ci.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.retrain.PipelineStatus.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every status in GitLab's Pipelines API docs (docs.gitlab.com/ee/api/pipelines.html), mapped. */
class GitLabStatesTest {

    @ParameterizedTest
    @CsvSource({
            "created, PENDING", "waiting_for_resource, PENDING", "preparing, PENDING", "pending, PENDING",
            "scheduled, PENDING", "manual, PENDING", "running, RUNNING", "success, SUCCEEDED", "failed, FAILED",
            "canceled, CANCELED", "canceling, CANCELED", "skipped, CANCELED", "something_new, PENDING"})
    void mapsEveryDocumentedStatus(String gitlab, State ours) {
        assertThat(GitLabStates.of(gitlab)).isEqualTo(ours);
    }
}
