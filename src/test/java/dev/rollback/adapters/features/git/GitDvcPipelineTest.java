package dev.rollback.adapters.features.git;

import dev.rollback.config.FeaturesConfig;
import dev.rollback.core.features.Commit;
import dev.rollback.core.features.DataChange;
import dev.rollback.core.features.FeatureRepoException;
import dev.rollback.core.features.FeatureRepoException.Kind;
import dev.rollback.core.features.FileChange;
import dev.rollback.core.features.WorkingTree;
import dev.rollback.testsupport.features.FeatureRepo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The adapter against real git and the pinned real DVC, on the scenario of {@link FeatureRepo}: main is
 * known good → bad change → docs commit; a rollback restores the known-good pipeline on a branch and checks it out.
 */
class GitDvcPipelineTest {

    private static final String BRANCH = "rollback/recsys/rb-1";
    private static final String MESSAGE = "Restore recsys features to known good\n\nRollback-Id: rb-1\n";

    @TempDir
    static Path template;
    private static FeatureRepo scenario;

    @TempDir
    Path dir;
    private FeatureRepo repo;
    private GitDvcPipeline pipeline;

    @BeforeAll
    static void buildScenario() {
        scenario = FeatureRepo.build(template.resolve("scenario"));
    }

    @BeforeEach
    void copyScenario() {
        repo = scenario.copyTo(dir.resolve("copy"));
        pipeline = GitDvcPipeline.open(repo.config(), repo.repo(), repo.env());
    }

    private String good() {
        return repo.knownGood().commit();
    }

    private String bad() {
        return repo.badChange().commit();
    }

    // --- working tree -------------------------------------------------------------------------------------------

    @Test
    void cleanWorkingTreeNamesBranchAndHead() {
        WorkingTree tree = pipeline.workingTree();

        assertThat(tree.branch()).contains("main");
        assertThat(tree.head()).isEqualTo(repo.docsCommit());
        assertThat(tree.dirty()).isEmpty();
    }

    @Test
    void dirtyWorkingTreeListsTrackedUntrackedAndDvcOutputChanges() {
        repo.write("pipeline/encode.py", "def encode(x):\n    return x\n");
        repo.write("notes.txt", "stray file\n");
        repo.writeBytes("data/features.csv", "hand-edited\n".getBytes());

        assertThat(pipeline.workingTree().dirty()).containsExactlyInAnyOrder(
                "modified: pipeline/encode.py",
                "untracked: notes.txt",
                "DVC output modified: data/features.csv");
    }

    @Test
    void missingDvcOutputsAreNotDirtyBecauseCheckoutRestoresThem() {
        repo.delete("data/encoder.bin");
        repo.delete(".dvc/cache");

        assertThat(pipeline.workingTree().dirty()).isEmpty();
    }

    @Test
    void detachedHeadHasNoBranch() {
        repo.git("checkout", "-q", "--detach", bad());

        WorkingTree tree = pipeline.workingTree();

        assertThat(tree.branch()).isEmpty();
        assertThat(tree.head()).isEqualTo(bad());
    }

    // --- history ------------------------------------------------------------------------------------------------

    @Test
    void resolvesShaShortShaTagAndBranch() {
        Commit commit = pipeline.resolve(good()).orElseThrow();

        assertThat(commit).isEqualTo(new Commit(good(), "known good", "Test Author <author@example.com>",
                Instant.parse("2024-05-01T10:00:00Z"), Optional.empty()));
        assertThat(pipeline.resolve(good().substring(0, 7))).contains(commit);
        assertThat(pipeline.resolve("known-good")).contains(commit);
        assertThat(pipeline.resolve("main").map(Commit::id)).contains(repo.docsCommit());
    }

    @Test
    void unknownAndOptionLikeRevisionsResolveToNothing() {
        assertThat(pipeline.resolve("no-such-revision")).isEmpty();
        assertThat(pipeline.resolve("0123456789abcdef0123456789abcdef01234567")).isEmpty();
        assertThat(pipeline.resolve("-x")).isEmpty();
        assertThat(pipeline.resolve("--all")).isEmpty();
        assertThat(pipeline.resolve("")).isEmpty();
    }

    @Test
    void recentChangesListsOnlyCommitsTouchingThePipelineNewestFirst() {
        assertThat(pipeline.recentChanges(10)).extracting(Commit::id).containsExactly(bad(), good());
        assertThat(pipeline.recentChanges(1)).extracting(Commit::subject).containsExactly("bad change");
        assertThat(pipeline.recentChanges(0)).isEmpty();
    }

    @Test
    void parentIsTheFirstParentAndARootCommitHasNone() {
        Commit badCommit = pipeline.resolve(bad()).orElseThrow();

        Commit parent = pipeline.parent(badCommit).orElseThrow();

        assertThat(parent.id()).isEqualTo(good());
        assertThat(pipeline.parent(parent)).isEmpty();
    }

    @Test
    void diffListsPipelineFilesOnly() {
        assertThat(pipeline.diff(good(), repo.docsCommit())).containsExactlyInAnyOrder(
                new FileChange("M", "pipeline/encode.py"),
                new FileChange("M", "pipeline/params.yaml"),
                new FileChange("A", "pipeline/extra.py"),
                new FileChange("D", "pipeline/legacy.py"),
                new FileChange("M", "data/encoder.bin.dvc"),
                new FileChange("M", "dvc.lock"));
        assertThat(pipeline.diff(bad(), repo.docsCommit())).isEmpty(); // README.md is outside the paths
    }

    @Test
    void diffReportsARenameUnderItsNewPath() {
        repo.git("mv", "pipeline/encode.py", "pipeline/encoder.py");
        repo.git("commit", "-q", "-m", "rename");

        assertThat(pipeline.diff(repo.docsCommit(), "HEAD")).containsExactly(new FileChange("R", "pipeline/encoder.py"));
    }

    @Test
    void dataDiffGivesOldAndNewHashesFromDvcFilesAndDvcLock() {
        List<DataChange> changes = pipeline.dataDiff(good(), bad());

        // DVC 3 hashes a file as the md5 of its bytes: computed here, independently of DVC's files
        assertThat(changes).containsExactly(
                new DataChange("data/encoder.bin", md5(repo.knownGood().encoder()), md5(repo.badChange().encoder())),
                new DataChange("data/features.csv", md5(repo.knownGood().features()), md5(repo.badChange().features())));
        assertThat(pipeline.dataDiff(bad(), repo.docsCommit())).isEmpty();
    }

    @Test
    void dataDiffShowsAddedAndRemovedOutputsWithANullSide() {
        repo.writeBytes("data/scaler.bin", "scaler".getBytes());
        repo.dvc("add", "-q", "data/scaler.bin");
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "add scaler");

        assertThat(pipeline.dataDiff(repo.docsCommit(), "HEAD"))
                .containsExactly(new DataChange("data/scaler.bin", null, md5("scaler".getBytes())));
        assertThat(pipeline.dataDiff("HEAD", repo.docsCommit()))
                .containsExactly(new DataChange("data/scaler.bin", md5("scaler".getBytes()), null));
    }

    // --- restore commit -----------------------------------------------------------------------------------------

    @Test
    void commitRestoreMakesTheTargetsPipelineOnTopOfTheBase() {
        String restored = pipeline.commitRestore(BRANCH, repo.docsCommit(), good(), MESSAGE);

        assertThat(repo.git("rev-parse", BRANCH).strip()).isEqualTo(restored);
        assertThat(repo.git("rev-parse", restored + "^@").strip()).isEqualTo(repo.docsCommit());
        for (String path : List.of("pipeline", "data", "dvc.yaml", "dvc.lock")) {
            assertThat(objectId(restored + ":" + path)).as(path).isEqualTo(objectId(good() + ":" + path));
        }
        assertThat(objectId(restored + ":README.md")).isEqualTo(objectId(repo.docsCommit() + ":README.md"));
        assertThat(repo.git("ls-tree", "-r", "--name-only", restored, "--", "pipeline/"))
                .contains("pipeline/legacy.py") // deleted by the bad change: back
                .doesNotContain("pipeline/extra.py"); // added by the bad change: gone
        Commit commit = pipeline.resolve(restored).orElseThrow();
        assertThat(commit.subject()).isEqualTo("Restore recsys features to known good");
        assertThat(commit.rollbackId()).contains("rb-1");
        assertThat(pipeline.dataDiff(restored, good())).isEmpty();
    }

    @Test
    void commitRestoreLeavesHeadIndexAndWorkingTreeAlone() {
        byte[] encodeBefore = repo.read("pipeline/encode.py");
        byte[] encoderBefore = repo.read("data/encoder.bin");

        pipeline.commitRestore(BRANCH, repo.docsCommit(), good(), MESSAGE);

        WorkingTree tree = pipeline.workingTree();
        assertThat(tree.branch()).contains("main");
        assertThat(tree.head()).isEqualTo(repo.docsCommit());
        assertThat(tree.dirty()).isEmpty();
        assertThat(repo.git("diff", "--cached", "--name-only")).isEmpty();
        assertThat(repo.read("pipeline/encode.py")).isEqualTo(encodeBefore);
        assertThat(repo.read("data/encoder.bin")).isEqualTo(encoderBefore);
    }

    @Test
    void commitRestoreIsIdempotent() {
        String first = pipeline.commitRestore(BRANCH, repo.docsCommit(), good(), MESSAGE);
        String commitsBefore = repo.git("rev-list", "--all", "--count");

        String second = pipeline.commitRestore(BRANCH, repo.docsCommit(), good(), MESSAGE);

        assertThat(second).isEqualTo(first);
        assertThat(repo.git("rev-list", "--all", "--count")).isEqualTo(commitsBefore);
    }

    @Test
    void commitRestoreRefusesABranchThatIsSomethingElse() {
        repo.git("branch", BRANCH, bad());

        assertThatThrownBy(() -> pipeline.commitRestore(BRANCH, repo.docsCommit(), good(), MESSAGE))
                .isInstanceOfSatisfying(FeatureRepoException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FAILED))
                .hasMessageContaining("branch " + BRANCH + " already exists")
                .hasMessageContaining("git branch -D " + BRANCH);
        assertThat(repo.git("rev-parse", BRANCH).strip()).isEqualTo(bad());
    }

    @Test
    void commitRestoreWorksWithoutAnyGitIdentity() {
        repo.git("config", "--unset", "user.name");
        repo.git("config", "--unset", "user.email");

        String restored = pipeline.commitRestore(BRANCH, repo.docsCommit(), good(), MESSAGE);

        assertThat(repo.git("log", "-1", "--format=%an <%ae>|%cn <%ce>", restored).strip())
                .isEqualTo("rollback <rollback@localhost>|rollback <rollback@localhost>");
    }

    @Test
    void commitRestoreUsesTheConfiguredIdentity() {
        String restored = pipeline.commitRestore(BRANCH, repo.docsCommit(), good(), MESSAGE);

        assertThat(repo.git("log", "-1", "--format=%an <%ae>", restored).strip())
                .isEqualTo("Test Author <author@example.com>");
    }

    @Test
    void commitRestoreRejectsUnknownCommitsAndBadBranchNames() {
        assertThatThrownBy(() -> pipeline.commitRestore(BRANCH, "no-such-commit", good(), MESSAGE))
                .isInstanceOfSatisfying(FeatureRepoException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        assertThatThrownBy(() -> pipeline.commitRestore("-f", repo.docsCommit(), good(), MESSAGE))
                .hasMessageContaining("not a valid git branch name");
        assertThatThrownBy(() -> pipeline.commitRestore("a..b", repo.docsCommit(), good(), MESSAGE))
                .hasMessageContaining("not a valid git branch name");
    }

    @Test
    void deleteBranchIsIdempotentAndRefusesTheCheckedOutBranch() {
        pipeline.commitRestore(BRANCH, repo.docsCommit(), good(), MESSAGE);

        pipeline.deleteBranch(BRANCH);
        pipeline.deleteBranch(BRANCH);

        assertThat(repo.git("branch", "--list", BRANCH)).isEmpty();
        assertThatThrownBy(() -> pipeline.deleteBranch("main"))
                .isInstanceOfSatisfying(FeatureRepoException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FAILED))
                .hasMessageContaining("checked out");
    }

    // --- checkout -----------------------------------------------------------------------------------------------

    @Test
    void checkoutSwitchesToTheRestoreAndItsData() {
        String restored = pipeline.commitRestore(BRANCH, repo.docsCommit(), good(), MESSAGE);

        String description = pipeline.checkout(BRANCH);

        assertThat(description).isEqualTo(BRANCH + "@" + restored.substring(0, 9) + "; DVC outputs: 2 checked out");
        assertRestoredToKnownGood(restored);
        assertThat(pipeline.checkout(BRANCH)).endsWith("; DVC outputs: 0 checked out"); // a repeat changes nothing
        assertRestoredToKnownGood(restored);
    }

    @Test
    void checkoutPullsFromTheDvcRemoteWhatTheCacheLacks() {
        String restored = pipeline.commitRestore(BRANCH, repo.docsCommit(), good(), MESSAGE);
        repo.delete(".dvc/cache");

        String description = pipeline.checkout(BRANCH);

        assertThat(description).contains("pulled from DVC remote 'storage'");
        assertRestoredToKnownGood(restored);
    }

    @Test
    void checkoutPullsFromTheConfiguredDvcRemote() {
        repo.dvc("remote", "add", "--local", "backup", "../remote"); // untracked, so the working tree stays clean
        repo.dvc("remote", "default", "--unset");
        repo.git("commit", "-q", "-am", "no default DVC remote");
        FeaturesConfig c = repo.config();
        GitDvcPipeline withRemote = GitDvcPipeline.open(new FeaturesConfig(c.repo(), null, c.paths(), c.gitRemote(),
                c.gitBinary(), c.dvcBinary(), "backup"), repo.repo(), repo.env());
        String restored = withRemote.commitRestore(BRANCH, "HEAD", good(), MESSAGE);
        repo.delete(".dvc/cache");

        assertThat(withRemote.checkout(BRANCH)).contains("pulled from DVC remote 'backup'");
        assertRestoredToKnownGood(restored);
    }

    @Test
    void checkoutWithoutCacheOrRemoteIsDataMissing() {
        repo.dvc("remote", "remove", "storage");
        repo.git("commit", "-q", "-am", "no DVC remote");
        pipeline.commitRestore(BRANCH, "HEAD", good(), MESSAGE);
        repo.delete(".dvc/cache");

        assertThatThrownBy(() -> pipeline.checkout(BRANCH))
                .isInstanceOfSatisfying(FeatureRepoException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.DATA_MISSING))
                .hasMessageContaining("data/encoder.bin")
                .hasMessageContaining("data/features.csv")
                .hasMessageContaining("dvc remote add")
                .hasMessageContaining("dvc pull");
    }

    @Test
    void switchingBackToTheOriginalBranchRestoresTheOriginalData() {
        pipeline.commitRestore(BRANCH, repo.docsCommit(), good(), MESSAGE);
        pipeline.checkout(BRANCH);

        String description = pipeline.checkout("main");

        assertThat(description).isEqualTo("main@" + repo.docsCommit().substring(0, 9) + "; DVC outputs: 2 checked out");
        assertThat(repo.read("data/encoder.bin")).isEqualTo(repo.badChange().encoder());
        assertThat(repo.read("data/features.csv")).isEqualTo(repo.badChange().features());
        assertThat(repo.read("pipeline/encode.py")).asString().contains("x * 3");
        assertThat(pipeline.workingTree().dirty()).isEmpty();
    }

    @Test
    void checkoutOfAMissingBranchIsNotFoundAndSwitchesNothing() {
        assertThatThrownBy(() -> pipeline.checkout("no-such-branch"))
                .isInstanceOfSatisfying(FeatureRepoException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        assertThat(pipeline.workingTree().branch()).contains("main");
    }

    @Test
    void checkoutFailsCleanlyWhenGitRefusesTheSwitch() {
        pipeline.commitRestore(BRANCH, repo.docsCommit(), good(), MESSAGE);
        repo.write("pipeline/encode.py", "uncommitted work\n");

        assertThatThrownBy(() -> pipeline.checkout(BRANCH))
                .isInstanceOfSatisfying(FeatureRepoException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FAILED))
                .hasMessageStartingWith("git switch failed in " + repo.repo())
                .hasMessageContaining("would be overwritten");
        assertThat(pipeline.workingTree().branch()).contains("main");
        assertThat(repo.read("pipeline/encode.py")).asString().isEqualTo("uncommitted work\n");
    }

    // --- remote -------------------------------------------------------------------------------------------------

    @Test
    void pushAndDeleteRemoteBranchAreIdempotent() throws Exception {
        Path origin = dir.resolve("origin.git");
        repo.git("init", "-q", "--bare", origin.toString());
        repo.git("remote", "add", "origin", origin.toString());
        String restored = pipeline.commitRestore(BRANCH, repo.docsCommit(), good(), MESSAGE);

        assertThat(pipeline.canPush()).isTrue();
        pipeline.push(BRANCH);
        pipeline.push(BRANCH);
        assertThat(repo.git("ls-remote", "origin", "refs/heads/" + BRANCH)).startsWith(restored);

        pipeline.deleteRemoteBranch(BRANCH);
        pipeline.deleteRemoteBranch(BRANCH);
        assertThat(repo.git("ls-remote", "origin", "refs/heads/" + BRANCH)).isEmpty();
        assertThat(Files.isDirectory(origin)).isTrue();
    }

    @Test
    void withoutTheConfiguredRemoteNothingCanBePushed() {
        pipeline.commitRestore(BRANCH, repo.docsCommit(), good(), MESSAGE);

        assertThat(pipeline.canPush()).isFalse();
        assertThatThrownBy(() -> pipeline.push(BRANCH))
                .isInstanceOfSatisfying(FeatureRepoException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessageContaining("git remote add origin");
    }

    // --- opening ------------------------------------------------------------------------------------------------

    @Test
    void missingDvcBinaryIsToolMissingNamingTheConfigKey() {
        FeaturesConfig c = repo.config();
        FeaturesConfig noDvc = new FeaturesConfig(c.repo(), null, c.paths(), "origin", "git",
                dir.resolve("no-such-dvc").toString(), null);

        assertThatThrownBy(() -> GitDvcPipeline.open(noDvc, repo.repo(), repo.env()))
                .isInstanceOfSatisfying(FeatureRepoException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOOL_MISSING))
                .hasMessageContaining("no-such-dvc")
                .hasMessageContaining("features.dvc");
    }

    @Test
    void missingGitBinaryIsToolMissingNamingTheConfigKey() {
        FeaturesConfig c = repo.config();
        FeaturesConfig noGit = new FeaturesConfig(c.repo(), null, c.paths(), "origin", "no-such-git",
                c.dvcBinary(), null);

        assertThatThrownBy(() -> GitDvcPipeline.open(noGit, repo.repo(), repo.env()))
                .isInstanceOfSatisfying(FeatureRepoException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOOL_MISSING))
                .hasMessageContaining("no-such-git not found on PATH")
                .hasMessageContaining("features.git");
    }

    @Test
    void aRepositoryWithoutDvcNeedsNoDvcBinary() {
        Path plain = dir.resolve("plain");
        repo.git("clone", "-q", repo.repo().toString(), plain.toString());
        FeatureRepo.deleteTree(plain.resolve(".dvc"));
        FeaturesConfig noDvc = new FeaturesConfig(plain, null, FeatureRepo.PATHS, "origin", "git",
                dir.resolve("no-such-dvc").toString(), null);

        GitDvcPipeline gitOnly = GitDvcPipeline.open(noDvc, plain, repo.env());

        assertThat(gitOnly.workingTree().dirty()).containsExactly("deleted: .dvc/.gitignore", "deleted: .dvc/config");
        gitOnly.commitRestore(BRANCH, "HEAD", good(), MESSAGE);
        assertThat(gitOnly.checkout(BRANCH)).endsWith("; no DVC");
    }

    @Test
    void aDirectoryThatIsNotAGitRepositoryIsNotFound() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> GitDvcPipeline.open(repo.config(), empty, repo.env()))
                .isInstanceOfSatisfying(FeatureRepoException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessageContaining(empty + " is not a git working copy");
    }

    @Test
    void aSubdirectoryOfARepositoryIsNotFoundAndNamesTheTop() {
        assertThatThrownBy(() -> GitDvcPipeline.open(repo.config(), repo.repo().resolve("pipeline"), repo.env()))
                .isInstanceOfSatisfying(FeatureRepoException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessageContaining("not at its top");
    }

    @Test
    void aMissingDirectoryWithoutUrlIsNotFoundAndSaysWhatToDo() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> GitDvcPipeline.open(repo.config(), missing, repo.env()))
                .isInstanceOfSatisfying(FeatureRepoException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessageContaining(missing + " does not exist")
                .hasMessageContaining("features.url");
    }

    @Test
    void aMissingDirectoryIsClonedFromTheUrlAndItsDataPulledOnCheckout() {
        Path clone = repo.root().resolve("clone"); // beside repo/, so the relative DVC remote resolves the same
        FeaturesConfig c = repo.config();
        FeaturesConfig withUrl = new FeaturesConfig(clone, repo.repo().toString(), c.paths(), "origin", "git",
                c.dvcBinary(), null);

        GitDvcPipeline cloned = GitDvcPipeline.open(withUrl, clone, repo.env());

        WorkingTree tree = cloned.workingTree();
        assertThat(tree.head()).isEqualTo(repo.docsCommit());
        assertThat(tree.branch()).contains("main");
        assertThat(tree.dirty()).as("data not pulled yet is missing, not dirty").isEmpty();
        assertThat(cloned.canPush()).isTrue();
        assertThat(cloned.checkout("main")).contains("pulled from DVC remote 'storage'");
        assertThat(clone.resolve("data/encoder.bin")).hasBinaryContent(repo.badChange().encoder());
    }

    @Test
    void aFailedCloneNamesTheUrlWithoutCredentialsAndLeavesNothingBehind() {
        Path clone = dir.resolve("clone");
        FeaturesConfig c = repo.config();
        FeaturesConfig withUrl = new FeaturesConfig(clone, "https://deploy:s3cret@127.0.0.1:9/features.git",
                c.paths(), "origin", "git", c.dvcBinary(), null);

        assertThatThrownBy(() -> GitDvcPipeline.open(withUrl, clone, repo.env()))
                .isInstanceOfSatisfying(FeatureRepoException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FAILED))
                .hasMessageContaining("git clone of https://127.0.0.1:9/features.git")
                .hasMessageNotContaining("s3cret");
        assertThat(clone).doesNotExist();
    }

    @Test
    void describeNamesTheRepositoryAndPaths() {
        assertThat(pipeline.describe()).isEqualTo(repo.repo() + " (paths: pipeline/, data/, dvc.yaml, dvc.lock)");
    }

    // --- timings (reported, not asserted) -----------------------------------------------------------------------

    @Test
    void measuresTheRollbackSteps() {
        long t0 = System.nanoTime();
        pipeline.workingTree();
        pipeline.dataDiff(good(), bad());
        long t1 = System.nanoTime();
        String restored = pipeline.commitRestore(BRANCH, repo.docsCommit(), good(), MESSAGE);
        long t2 = System.nanoTime();
        pipeline.checkout(BRANCH);
        long t3 = System.nanoTime();
        assertRestoredToKnownGood(restored);
        repo.delete(".dvc/cache");
        long t4 = System.nanoTime();
        pipeline.checkout("main"); // the undo, with every output pulled from the DVC remote
        long t5 = System.nanoTime();

        System.out.printf("TIMING workingTree+dataDiff=%d ms, commitRestore=%d ms, checkout=%d ms, "
                + "checkout pulling from the remote=%d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                (t3 - t2) / 1_000_000, (t5 - t4) / 1_000_000);
        assertThat(repo.read("data/encoder.bin")).isEqualTo(repo.badChange().encoder());
    }

    private void assertRestoredToKnownGood(String restored) {
        WorkingTree tree = pipeline.workingTree();
        assertThat(tree.branch()).contains(BRANCH);
        assertThat(tree.head()).isEqualTo(restored);
        assertThat(tree.dirty()).isEmpty();
        assertThat(repo.read("data/encoder.bin")).isEqualTo(repo.knownGood().encoder());
        assertThat(repo.read("data/features.csv")).isEqualTo(repo.knownGood().features());
        assertThat(repo.read("pipeline/encode.py")).asString().contains("x * 2");
        assertThat(repo.repo().resolve("pipeline/extra.py")).doesNotExist();
        assertThat(repo.repo().resolve("README.md")).content().contains("Unrelated docs change.");
    }

    private String objectId(String revisionPath) {
        return repo.git("rev-parse", revisionPath).strip();
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
