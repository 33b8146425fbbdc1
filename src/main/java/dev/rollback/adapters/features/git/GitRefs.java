package dev.rollback.adapters.features.git;

import dev.rollback.core.features.FeatureRepoException;
import dev.rollback.core.features.FeatureRepoException.Kind;

import java.util.Optional;

/** Revision and branch look-ups shared by the pipeline's operations. */
final class GitRefs {

    private final RepoTool git;

    GitRefs(RepoTool git) {
        this.git = git;
    }

    /** The full id of a commit-ish; empty when unknown. A leading '-' would be read as an option: never a revision. */
    Optional<String> commitId(String revision) {
        if (revision == null || revision.isBlank() || revision.startsWith("-")) {
            return Optional.empty();
        }
        ProcessRunner.Result r = git.call("rev-parse", "--verify", "--quiet", revision + "^{commit}").tryRun();
        if (r.exitCode() == 1) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw git.call("rev-parse").failure(r);
        }
        return Optional.of(r.out().strip());
    }

    String requireCommit(String revision) {
        return commitId(revision).orElseThrow(() -> new FeatureRepoException(Kind.NOT_FOUND, "no commit '" + revision
                + "' in " + git.workDir() + "; fetch it or pass a commit that exists there"));
    }

    /** The commit a local branch points at; empty when there is no such branch. */
    Optional<String> branchTip(String branch) {
        ProcessRunner.Result r = git.call("rev-parse", "--verify", "--quiet", "refs/heads/" + branch).tryRun();
        return r.ok() ? Optional.of(r.out().strip()) : Optional.empty();
    }

    /** The checked-out branch; empty when HEAD is detached. */
    Optional<String> currentBranch() {
        ProcessRunner.Result r = git.call("symbolic-ref", "-q", "--short", "HEAD").tryRun();
        if (r.exitCode() == 1) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw git.call("symbolic-ref").failure(r);
        }
        return Optional.of(r.out().strip());
    }

    String head() {
        return git.call("rev-parse", "--verify", "HEAD").run().strip();
    }

    /** Refuses names git would reject or read as an option, before any command sees them. */
    void requireBranchName(String branch) {
        if (branch == null || branch.isBlank() || branch.startsWith("-")
                || !git.call("check-ref-format", "refs/heads/" + branch).tryRun().ok()) {
            throw new FeatureRepoException(Kind.FAILED, "'" + branch + "' is not a valid git branch name");
        }
    }
}
