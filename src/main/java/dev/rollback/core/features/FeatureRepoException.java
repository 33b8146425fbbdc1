package dev.rollback.core.features;

/** A git or DVC failure, classified; the message names the repository and command, never credentials. */
public class FeatureRepoException extends RuntimeException {

    public enum Kind {
        /** git or dvc is not installed (or not where rollback.yaml says) */
        TOOL_MISSING,
        /** the repository path is not a git repository, or a revision / branch does not exist */
        NOT_FOUND,
        /** a git or dvc command failed: the message carries its last error line */
        FAILED,
        /** the DVC cache lacks data and no remote can supply it */
        DATA_MISSING
    }

    private final Kind kind;

    public FeatureRepoException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public FeatureRepoException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
