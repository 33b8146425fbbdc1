package dev.rollback.adapters.features.git;

import dev.rollback.config.FeaturesConfig;
import dev.rollback.core.features.Commit;
import dev.rollback.core.features.DataChange;
import dev.rollback.core.features.FeaturePipeline;
import dev.rollback.core.features.FeatureRepoException;
import dev.rollback.core.features.FeatureRepoException.Kind;
import dev.rollback.core.features.FileChange;
import dev.rollback.core.features.WorkingTree;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The feature pipeline as a git working copy whose data DVC versions, driven through the operator's own git and dvc
 * CLIs (so their config, credentials and remotes apply unchanged). Everything is confined to the configured paths.
 */
public final class GitDvcPipeline implements FeaturePipeline {

    static final String GIT_KEY = "services.<service>.features.git";
    static final String DVC_KEY = "services.<service>.features.dvc";
    static final String DVC_REMOTE_KEY = "services.<service>.features.dvcRemote";
    static final String REMOTE_KEY = "services.<service>.features.remote";

    // Literal pathspecs: the paths mean the same to ls-tree (which never globs) as to log and diff.
    // No optional locks: reading status must not take index.lock from under the operator's own git.
    private static final List<String> GIT_OPTIONS = List.of("--literal-pathspecs", "--no-optional-locks",
            "-c", "color.ui=false", "-c", "log.showSignature=false");

    private final Path repo;
    private final List<String> paths;
    private final RepoTool git;
    private final GitRefs refs;
    private final DataVersions dataVersions;
    private final RestoreCommit restore;
    private final RemoteBranches remoteBranches;
    private final RepoTool dvc; // null when the repository does not use DVC
    private final DataCheckout dataCheckout;

    private GitDvcPipeline(FeaturesConfig config, Path repo, RepoTool git, RepoTool dvc, Map<String, String> env) {
        this.repo = repo;
        this.paths = config.paths();
        this.git = git;
        this.refs = new GitRefs(git);
        this.dataVersions = new DataVersions(git, paths);
        this.restore = new RestoreCommit(git, refs, paths, env);
        this.remoteBranches = new RemoteBranches(git, refs, config.gitRemote(), REMOTE_KEY);
        this.dvc = dvc;
        this.dataCheckout = dvc == null ? null : new DataCheckout(dvc, config.dvcRemote(), DVC_REMOTE_KEY);
    }

    /**
     * @param repo the working copy, already absolute; cloned from {@code config.url()} when it does not exist yet
     * @param env  the environment git and dvc run with (PATH, HOME, credentials); never logged
     */
    public static GitDvcPipeline open(FeaturesConfig config, Path repo, Map<String, String> env) {
        Map<String, String> childEnv = ChildEnvironment.of(env);
        String gitBinary = Executables.resolve(orDefault(config.gitBinary(), "git"), childEnv, GIT_KEY, "install git");
        RepoTool git = new RepoTool("git", gitBinary, GIT_OPTIONS, repo, ChildEnvironment.forGit(childEnv));
        RepoLocation.prepare(git, repo, config.url());
        RepoTool dvc = null;
        if (RepoLocation.usesDvc(repo)) {
            String dvcBinary = Executables.resolve(orDefault(config.dvcBinary(), "dvc"), childEnv, DVC_KEY,
                    "install DVC (pip install dvc), which " + repo + " uses,");
            dvc = new RepoTool("dvc", dvcBinary, List.of(), repo, childEnv);
        }
        return new GitDvcPipeline(config, repo, git, dvc, childEnv);
    }

    @Override
    public String describe() {
        return repo + " (paths: " + String.join(", ", paths) + ")";
    }

    @Override
    public WorkingTree workingTree() {
        GitStatus status = GitStatus.parse(git.call("status", "--porcelain=v2", "--branch", "-z",
                "--untracked-files=normal").runBytes().stdout());
        String head = status.head().orElseThrow(() -> new FeatureRepoException(Kind.NOT_FOUND, repo
                + " has no commits yet; commit the feature pipeline first"));
        List<String> dirty = new ArrayList<>(status.changes());
        if (dvc != null) {
            String json = dvc.call("status", "--json").timeout(RepoTool.SLOW).run();
            try {
                DvcStatus.modifiedOutputs(json).forEach(p -> dirty.add("DVC output modified: " + p));
            } catch (Exception e) {
                throw new FeatureRepoException(Kind.FAILED, "dvc status in " + repo + " printed something other "
                        + "than JSON; run `dvc status` there to see why", e);
            }
        }
        return new WorkingTree(status.branch(), head, dirty);
    }

    @Override
    public Optional<Commit> resolve(String revision) {
        return refs.commitId(revision).map(this::commit);
    }

    @Override
    public List<Commit> recentChanges(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<String> args = new ArrayList<>(List.of("log", "-n", Integer.toString(limit), CommitLog.FORMAT, "HEAD", "--"));
        args.addAll(paths);
        return CommitLog.parse(git.call(args).run());
    }

    @Override
    public Optional<Commit> parent(Commit commit) {
        return refs.commitId(commit.id() + "^").map(this::commit);
    }

    @Override
    public List<FileChange> diff(String fromCommit, String toCommit) {
        List<String> args = new ArrayList<>(List.of("diff", "--name-status", "-z", "-M", "--no-ext-diff",
                refs.requireCommit(fromCommit), refs.requireCommit(toCommit), "--"));
        args.addAll(paths);
        String[] tokens = git.call(args).run().split("\0");
        List<FileChange> changes = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.length; i += 2) {
            String status = tokens[i].substring(0, 1);
            if (status.equals("R") || status.equals("C")) {
                i++; // "R100 old new": the new path is the one that exists after the change
            }
            changes.add(new FileChange(status, tokens[i + 1]));
        }
        return changes;
    }

    @Override
    public List<DataChange> dataDiff(String fromCommit, String toCommit) {
        Map<String, String> before = dataVersions.at(refs.requireCommit(fromCommit));
        Map<String, String> after = dataVersions.at(refs.requireCommit(toCommit));
        TreeSet<String> outputs = new TreeSet<>(before.keySet());
        outputs.addAll(after.keySet());
        List<DataChange> changes = new ArrayList<>();
        for (String path : outputs) {
            if (!Objects.equals(before.get(path), after.get(path)) || before.containsKey(path) != after.containsKey(path)) {
                changes.add(new DataChange(path, before.get(path), after.get(path)));
            }
        }
        return changes;
    }

    @Override
    public String commitRestore(String branch, String baseCommit, String targetCommit, String message) {
        return restore.commit(branch, baseCommit, targetCommit, message);
    }

    @Override
    public void deleteBranch(String branch) {
        refs.requireBranchName(branch);
        if (refs.branchTip(branch).isEmpty()) {
            return;
        }
        if (refs.currentBranch().filter(branch::equals).isPresent()) {
            throw new FeatureRepoException(Kind.FAILED, "cannot delete branch " + branch + " in " + repo
                    + ": it is checked out; switch to another branch first");
        }
        git.call("branch", "-D", branch).run();
    }

    @Override
    public String checkout(String branch) {
        refs.requireBranchName(branch);
        if (refs.branchTip(branch).isEmpty()) {
            throw new FeatureRepoException(Kind.NOT_FOUND, "no branch " + branch + " in " + repo
                    + "; it must be created (or fetched) before it can be checked out");
        }
        if (refs.currentBranch().filter(branch::equals).isEmpty()) {
            ProcessRunner.Result r = git.call("switch", "--no-guess", branch).tryRun();
            // A failing post-checkout hook (e.g. DVC's own) fails the command after the switch happened.
            if (!r.ok() && refs.currentBranch().filter(branch::equals).isEmpty()) {
                throw git.call("switch").failure(r);
            }
        }
        String at = branch + "@" + refs.head().substring(0, 9);
        if (dataCheckout == null) {
            return at + "; no DVC";
        }
        DataCheckout.Outcome data = dataCheckout.checkout();
        return at + "; DVC outputs: " + data.outputsCheckedOut() + " checked out"
                + data.pulledFrom().map(remote -> " (pulled from DVC remote '" + remote + "')").orElse("");
    }

    @Override
    public boolean canPush() {
        return remoteBranches.available();
    }

    @Override
    public void push(String branch) {
        remoteBranches.push(branch);
    }

    @Override
    public void deleteRemoteBranch(String branch) {
        remoteBranches.delete(branch);
    }

    private Commit commit(String id) {
        List<Commit> commits = CommitLog.parse(git.call("log", "-1", CommitLog.FORMAT, id, "--").run());
        if (commits.isEmpty()) {
            throw new FeatureRepoException(Kind.NOT_FOUND, "git log shows no commit " + id + " in " + repo);
        }
        return commits.get(0);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
