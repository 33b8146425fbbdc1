package dev.rollback.core.retrain;

/**
 * A hosted CI system that runs the service's training pipeline: GitLab, GitHub Actions, Jenkins, or a
 * generic webhook. Tokens are the adapter's business; nothing it returns or throws contains one.
 */
public interface CiSystem {

    /** "GitLab project ml/recsys-training at https://gitlab.example.com, ref main". */
    String describe();

    /** The exact request {@link #trigger} would send, with every secret masked, for --dry-run. */
    RequestPreview preview(RetrainParameters parameters);

    /**
     * Starts the pipeline. Retries 429 (honouring Retry-After) and transient 5xx with backoff; a definite
     * refusal (401/403, unknown project or job, invalid input) is a {@link CiException} at once.
     */
    PipelineRun trigger(RetrainParameters parameters);

    /** Whether {@link #status} can follow a run (a generic webhook cannot: it only delivers). */
    boolean canFollow();

    /** The run's current state; only when {@link #canFollow()}. */
    PipelineStatus status(PipelineRun run);

    /** Whether {@link #cancel} can stop a run on this system (a generic webhook cannot). */
    boolean canCancel();

    /** Asks the CI system to stop the run; harmless when it already ended. */
    void cancel(PipelineRun run);
}
