package dev.rollback.core.retrain;

/**
 * @param detail the system's own word for the state ("running", "in_progress", "UNSTABLE"...) and, once
 *               known, anything a person needs (e.g. the build URL Jenkins gives after the queue)
 * @param run    the run, possibly refined (Jenkins: queue item → build number and URL)
 */
public record PipelineStatus(State state, String detail, PipelineRun run) {

    public enum State {
        PENDING, RUNNING, SUCCEEDED, FAILED, CANCELED;

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED || this == CANCELED;
        }
    }
}
