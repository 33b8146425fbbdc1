package dev.rollback.adapters.features.git;

import dev.rollback.core.features.FeatureRepoException;
import dev.rollback.core.features.FeatureRepoException.Kind;

/** The rollback branch on the configured git remote, so reviewers and CI see it (rollback --push). */
final class RemoteBranches {

    private final RepoTool git;
    private final GitRefs refs;
    private final String remote;
    private final String remoteKey;

    RemoteBranches(RepoTool git, GitRefs refs, String remote, String remoteKey) {
        this.git = git;
        this.refs = refs;
        this.remote = remote;
        this.remoteKey = remoteKey;
    }

    boolean available() {
        return remote != null && !remote.startsWith("-") && git.call("remote", "get-url", remote).tryRun().ok();
    }

    /** Same name there; pushing a tip the remote already has is a no-op, a diverged one fails (never forced). */
    void push(String branch) {
        requireRemote(branch);
        if (refs.branchTip(branch).isEmpty()) {
            throw new FeatureRepoException(Kind.NOT_FOUND, "no branch " + branch + " in " + git.workDir() + " to push");
        }
        String ref = "refs/heads/" + branch;
        ProcessRunner.Result r = git.call("push", remote, ref + ":" + ref).timeout(RepoTool.SLOW).tryRun();
        if (!r.ok()) {
            throw failure("git push of " + branch + " to " + remote, r);
        }
    }

    /**
     * Deletes by full ref name, so a tag of the same name is never touched. A branch the remote does not have is
     * already gone: asked first (ls-remote), because a server whose hooks refuse every push — the usual reason the
     * push failed in the first place — refuses the delete of a missing ref too. "remote ref does not exist" covers
     * the race where it vanishes between the two.
     */
    void delete(String branch) {
        requireRemote(branch);
        String ref = "refs/heads/" + branch;
        ProcessRunner.Result listed = git.call("ls-remote", "--heads", remote, ref).timeout(RepoTool.SLOW).tryRun();
        if (listed.ok() && listed.out().isBlank()) {
            return;
        }
        ProcessRunner.Result r = git.call("push", remote, "--delete", "refs/heads/" + branch)
                .timeout(RepoTool.SLOW).tryRun();
        if (!r.ok() && !r.stderr().contains("remote ref does not exist")) {
            throw failure("deleting branch " + branch + " on " + remote, r);
        }
    }

    private void requireRemote(String branch) {
        refs.requireBranchName(branch);
        if (!available()) {
            throw new FeatureRepoException(Kind.NOT_FOUND, "no git remote '" + remote + "' in " + git.workDir()
                    + "; add it (git remote add " + remote + " URL) or set " + remoteKey);
        }
    }

    private FeatureRepoException failure(String what, ProcessRunner.Result r) {
        return new FeatureRepoException(Kind.FAILED, what + " failed in " + git.workDir() + ": "
                + ErrorLines.reason(r.stderr(), r.exitCode()));
    }
}
