package dev.rollback.adapters.ci.gitlab;

import dev.rollback.core.retrain.PipelineStatus.State;
import java.util.Locale;

/**
 * GitLab pipeline statuses (Pipelines API: created, waiting_for_resource, preparing, pending, running,
 * success, failed, canceled, skipped, manual, scheduled; "canceling" on recent versions) as ours.
 */
final class GitLabStates {

    private GitLabStates() {
    }

    static State of(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            // Not started yet. "manual" waits for a person to press play; "scheduled" for a delayed job.
            case "created", "waiting_for_resource", "preparing", "pending", "scheduled", "manual" -> State.PENDING;
            case "running" -> State.RUNNING;
            case "success" -> State.SUCCEEDED;
            case "failed" -> State.FAILED;
            // skipped: GitLab ran no job, so no model was retrained; canceling is on its way to canceled.
            case "canceled", "canceling", "skipped" -> State.CANCELED;
            // A status added after this was written: not finished as far as we know, so keep following it.
            default -> State.PENDING;
        };
    }
}
