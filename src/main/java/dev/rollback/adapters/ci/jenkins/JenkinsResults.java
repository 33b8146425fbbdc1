package dev.rollback.adapters.ci.jenkins;

import dev.rollback.core.retrain.PipelineStatus.State;

/** A finished Jenkins build's result (hudson.model.Result) as ours. */
final class JenkinsResults {

    private JenkinsResults() {
    }

    static State of(String result) {
        return switch (result) {
            case "SUCCESS" -> State.SUCCEEDED;
            // UNSTABLE: the build ran but test or quality checks failed (for a retrain, typically the model
            // evaluation gate). A model that failed its checks must never count as a good retrain.
            case "UNSTABLE", "FAILURE" -> State.FAILED;
            // ABORTED: stopped by a person or a timeout; NOT_BUILT: a stage or the build was skipped. Nothing
            // was produced and nothing failed: running it again is the fix.
            case "ABORTED", "NOT_BUILT" -> State.CANCELED;
            // A result from a plugin we do not know: not a success we can vouch for.
            default -> State.FAILED;
        };
    }
}
