package dev.rollback.adapters.ci.github;

import dev.rollback.core.retrain.PipelineStatus.State;
import java.util.Locale;

/**
 * A workflow run's status and conclusion (REST "workflow runs": status queued, requested, waiting,
 * pending, in_progress, completed; conclusion success, failure, neutral, cancelled, skipped, timed_out,
 * action_required, stale, startup_failure) as ours. Only "success" counts as a retrained model.
 */
final class GitHubRunStates {

    private GitHubRunStates() {
    }

    static State of(String status, String conclusion) {
        String s = status == null ? "" : status.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "queued", "requested", "waiting", "pending" -> State.PENDING;
            case "in_progress" -> State.RUNNING;
            case "completed" -> ofConclusion(conclusion == null ? "" : conclusion.toLowerCase(Locale.ROOT));
            // An unknown status is not "completed": keep following rather than guess an outcome.
            default -> State.PENDING;
        };
    }

    private static State ofConclusion(String conclusion) {
        return switch (conclusion) {
            case "success" -> State.SUCCEEDED;
            // Nothing ran to the end and nothing failed: cancelled by a person or a concurrency group,
            // skipped by an if: condition, or stale (GitHub gave up on a run that never finished). No model
            // was produced, and running it again is the fix, which is what CANCELED tells the user.
            case "cancelled", "skipped", "stale" -> State.CANCELED;
            // neutral: the run finished without claiming success; for a retrain that is not a good model,
            // so it must not count as one. Like failure, timed_out, action_required (a protected environment
            // awaits approval, which we cannot give), startup_failure and anything unknown: FAILED.
            default -> State.FAILED;
        };
    }

    /** "in_progress", or "completed/failure" once there is a conclusion. */
    static String detail(String status, String conclusion) {
        return conclusion == null || conclusion.isBlank() ? status : status + "/" + conclusion;
    }
}
