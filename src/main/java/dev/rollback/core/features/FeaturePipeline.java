package dev.rollback.core.features;

import java.util.List;
import java.util.Optional;

/**
 * The feature pipeline's repository: its code and, through DVC, the data it produced (encoders, scalers,
 * feature sets), restricted to the pipeline paths from rollback.yaml. Every method that changes something
 * is idempotent, because a resumed rollback may repeat it.
 */
public interface FeaturePipeline {

    /** The repository as people know it: "/srv/recsys-features (paths: pipeline/, dvc.lock)". */
    String describe();

    /** The checked-out branch, HEAD, and every uncommitted change (git and DVC outputs). */
    WorkingTree workingTree();

    /** A commit, tag or branch name as a commit; empty when the repository has no such revision. */
    Optional<Commit> resolve(String revision);

    /** The newest commits on HEAD that changed the pipeline paths, newest first. */
    List<Commit> recentChanges(int limit);

    /** The first parent of a commit; empty for a root commit. */
    Optional<Commit> parent(Commit commit);

    /** Files under the pipeline paths that differ between the two commits. */
    List<FileChange> diff(String fromCommit, String toCommit);

    /** DVC outputs (from dvc.lock and .dvc files under the paths) whose content hash differs. */
    List<DataChange> dataDiff(String fromCommit, String toCommit);

    /**
     * Makes branch {@code branch} a new commit on top of {@code baseCommit} whose pipeline paths are those
     * of {@code targetCommit} (everything else as in the base), without touching the working tree. When the
     * branch already exists and its tip is on top of {@code baseCommit} with the same message, returns that.
     *
     * @return the new commit's id
     */
    String commitRestore(String branch, String baseCommit, String targetCommit, String message);

    /** Deletes the branch if it exists and is not checked out. */
    void deleteBranch(String branch);

    /**
     * Checks out the branch (never a detached HEAD) and then the DVC outputs its dvc.lock / .dvc files name,
     * pulling from the DVC remote what the cache lacks. A no-op for what is already in place.
     *
     * @return what is checked out afterwards, e.g. "rollback/recsys/rb-…@3f2a9c1de; DVC outputs: 2 checked out"
     */
    String checkout(String branch);

    /** Whether {@code push} has somewhere to push to. */
    boolean canPush();

    /** Pushes the branch to the configured git remote (same name there). */
    void push(String branch);

    /** Deletes the branch on the configured git remote, if it is there. */
    void deleteRemoteBranch(String branch);
}
