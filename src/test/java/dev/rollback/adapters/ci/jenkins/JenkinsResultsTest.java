package dev.rollback.adapters.ci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.retrain.PipelineStatus.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** hudson.model.Result values mapped; UNSTABLE is a failed retrain. */
class JenkinsResultsTest {

    @ParameterizedTest
    @CsvSource({"SUCCESS, SUCCEEDED", "UNSTABLE, FAILED", "FAILURE, FAILED", "ABORTED, CANCELED", "NOT_BUILT, CANCELED",
            "CUSTOM_PLUGIN_RESULT, FAILED"})
    void mapsResults(String result, State ours) {
        assertThat(JenkinsResults.of(result)).isEqualTo(ours);
    }
}
