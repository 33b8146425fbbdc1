package dev.rollback.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.testsupport.CliResult;
import dev.rollback.testsupport.CliRunner;
import dev.rollback.testsupport.features.FeatureRepo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.rollback.testsupport.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rollback features} through the CLI on a real git repository with real DVC (the pinned PyPI release) and
 * a local-directory DVC remote: main went known good → bad change (code and data) → a docs commit.
 */
class FeatureRollbackEndToEndTest {

    private static final Pattern ROLLBACK_ID = Pattern.compile("Rollback (rb-[0-9]{8}-[0-9]{6}-recsys-[0-9a-f]{4})");

    @TempDir
    static Path template;
    private static FeatureRepo scenario;

    @TempDir
    Path dir;
    private FeatureRepo repo;
    private String mainBefore;

    @BeforeAll
    static void buildScenario() {
        scenario = FeatureRepo.build(template.resolve("scenario"));
    }

    @BeforeEach
    void setUp() throws Exception {
        repo = scenario.copyTo(dir.resolve("features"));
        mainBefore = repo.git("rev-parse", "main").strip();
        writeConfig();
    }

    @Test
    void dryRunShowsFilesAndDataHashesAndChangesNothing() {
        CliResult result = cli().run("features", "recsys", "--to", "previous", "--dry-run");

        assertThat(result).succeeded().errContains("dry run: nothing was changed")
                .outContains("\"known good\"", "pipeline/encode.py", "data/encoder.bin", " → ",
                        "feature pipeline " + mainBefore.substring(0, 9) + " → " + good().substring(0, 9));
        assertThat(repo.git("branch", "--list", "rollback/*")).isBlank();
        assertThat(repo.git("rev-parse", "HEAD").strip()).isEqualTo(mainBefore);
        assertThat(repo.read("data/encoder.bin")).isEqualTo(repo.badChange().encoder());
    }

    @Test
    void restoresCodeAndDataOnARollbackBranchWithoutRewritingHistory() {
        CliResult result = cli().run("features", "recsys", "--to", good().substring(0, 9), "--yes",
                "--reason", "diversity collapsed after the encoder change");

        assertThat(result).succeeded().outContains("rolled back recsys");
        String id = idOf(result);
        String branch = "rollback/recsys/" + id;
        assertThat(repo.git("symbolic-ref", "--short", "HEAD").strip()).isEqualTo(branch);
        assertThat(repo.git("rev-parse", "main").strip()).as("main untouched").isEqualTo(mainBefore);
        assertThat(repo.git("rev-parse", branch + "^").strip()).isEqualTo(mainBefore);
        assertThat(repo.git("diff", "--stat", good(), "HEAD", "--", "pipeline/", "data/", "dvc.yaml", "dvc.lock"))
                .as("pipeline paths as known good").isBlank();
        assertThat(repo.git("diff", "--stat", mainBefore, "HEAD", "--", "README.md")).as("the rest as on main").isBlank();
        assertThat(repo.read("data/encoder.bin")).isEqualTo(repo.knownGood().encoder());
        assertThat(repo.read("data/features.csv")).isEqualTo(repo.knownGood().features());
        assertThat(repo.git("log", "-1", "--format=%B")).contains("Rollback-Id: " + id,
                "Reason: diversity collapsed after the encoder change", "By: oncall@example.com");
        assertThat(repo.git("status", "--porcelain")).isBlank();
        assertThat(result.err()).contains("next: push " + branch);
    }

    @Test
    void jsonListsFilesAndDataChanges() throws Exception {
        CliResult result = cli().run("features", "recsys", "--to", "previous", "--dry-run", "-o", "json");

        assertThat(result).succeeded();
        JsonNode doc = new ObjectMapper().readTree(result.out());
        assertThat(doc.get("kind").asText()).isEqualTo("FeatureRollback");
        assertThat(doc.get("from").asText()).isEqualTo(mainBefore);
        assertThat(doc.get("to").asText()).isEqualTo(good());
        assertThat(doc.get("files").findValuesAsText("path")).contains("pipeline/encode.py");
        JsonNode encoder = doc.get("data").findParents("path").stream()
                .filter(d -> d.get("path").asText().equals("data/encoder.bin")).findFirst().orElseThrow();
        assertThat(encoder.get("before").asText()).isNotEqualTo(encoder.get("after").asText());
        assertThat(doc.get("steps").findValuesAsText("type")).containsExactly("features.commit", "features.checkout");
    }

    @Test
    void aDirtyWorkingTreeIsRefusedNamingTheFiles() {
        repo.write("pipeline/encode.py", "# an edit in progress\n");

        CliResult result = cli().run("features", "recsys", "--to", "previous", "--yes");

        assertThat(result).exitedWith(7).errIsOneLine().errContains("uncommitted changes", "pipeline/encode.py");
        assertThat(repo.git("branch", "--list", "rollback/*")).isBlank();
        assertThat(repo.read("pipeline/encode.py")).asString().isEqualTo("# an edit in progress\n");
    }

    @Test
    void anUnknownTargetIsRefusedWithTheRecentChanges() {
        CliResult result = cli().run("features", "recsys", "--to", "no-such-tag", "--yes");

        assertThat(result).exitedWith(7).errContains("no commit, tag or branch 'no-such-tag'", "bad change");
        assertThat(repo.git("branch", "--list", "rollback/*")).isBlank();
    }

    @Test
    void previousAfterAFeatureRollbackIsRefusedRatherThanUndoingIt() {
        assertThat(cli().run("features", "recsys", "--to", "previous", "--yes")).succeeded();

        CliResult again = cli().run("features", "recsys", "--to", "previous", "--yes");

        assertThat(again).exitedWith(7).errContains("'previous' would undo it", "--to");
    }

    @Test
    void whenTheTargetsDataCannotBeFetchedTheOriginalBranchAndDataAreRestored() throws Exception {
        // The known-good data is gone from the cache and the remote (someone pruned them); the live data is not.
        for (byte[] output : List.of(repo.knownGood().encoder(), repo.knownGood().features())) {
            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(output));
            for (Path store : List.of(repo.repo().resolve(".dvc/cache"), repo.remote())) {
                Files.deleteIfExists(store.resolve("files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2)));
            }
        }

        CliResult result = cli().run("features", "recsys", "--to", "previous", "--yes");

        assertThat(result).exitedWith(8).errContains("FAILED", "data/encoder.bin");
        assertThat(repo.git("symbolic-ref", "--short", "HEAD").strip()).isEqualTo("main");
        assertThat(repo.git("rev-parse", "HEAD").strip()).isEqualTo(mainBefore);
        assertThat(repo.git("branch", "--list", "rollback/*")).as("branch deleted by the undo").isBlank();
        assertThat(repo.read("data/encoder.bin")).isEqualTo(repo.badChange().encoder());
    }

    @Test
    void pushSendsTheBranchToTheGitRemote() {
        Path bare = bareOrigin();

        CliResult result = cli().run("features", "recsys", "--to", "previous", "--yes", "--push");

        assertThat(result).succeeded();
        String branch = "rollback/recsys/" + idOf(result);
        assertThat(repo.git("ls-remote", "--heads", bare.toString(), branch)).contains(repo.git("rev-parse", "HEAD").strip());
        assertThat(result.err()).doesNotContain("next: push");
    }

    @Test
    void aRejectedPushUndoesTheCheckoutAndTheBranch() throws Exception {
        Path bare = bareOrigin();
        Path hook = bare.resolve("hooks/pre-receive");
        Files.writeString(hook, "#!/bin/sh\necho 'protected: pushes need review' >&2\nexit 1\n");
        hook.toFile().setExecutable(true);

        CliResult result = cli().run("features", "recsys", "--to", "previous", "--yes", "--push");

        assertThat(result).exitedWith(8).errContains("undone", "remote rejected", "protected: pushes need review");
        assertThat(repo.git("symbolic-ref", "--short", "HEAD").strip()).isEqualTo("main");
        assertThat(repo.git("rev-parse", "HEAD").strip()).isEqualTo(mainBefore);
        assertThat(repo.git("branch", "--list", "rollback/*")).isBlank();
        assertThat(repo.read("data/encoder.bin")).isEqualTo(repo.badChange().encoder());
        assertThat(repo.git("ls-remote", "--heads", bare.toString())).isBlank();
    }

    @Test
    void pushWithoutAGitRemoteIsRefused() {
        CliResult result = cli().run("features", "recsys", "--to", "previous", "--yes", "--push");

        assertThat(result).exitedWith(7).errContains("--push", "remote");
        assertThat(repo.git("branch", "--list", "rollback/*")).isBlank();
    }

    @Test
    void aServiceWithoutAFeaturesSectionIsAConfigError() throws Exception {
        Files.writeString(dir.resolve("rollback.yaml"), """
                registries:
                  default: {trackingUri: "http://127.0.0.1:9"}
                services:
                  recsys:
                    model: {name: homepage-recsys}
                """);

        CliResult result = cli().run("features", "recsys", "--to", "previous", "--yes");

        assertThat(result).exitedWith(3).errIsOneLine().errContains("no features section");
    }

    private Path bareOrigin() {
        Path bare = dir.resolve("origin.git");
        repo.git("init", "--bare", "-q", bare.toString());
        repo.git("remote", "add", "origin", bare.toString());
        return bare;
    }

    private String good() {
        return repo.knownGood().commit();
    }

    private static String idOf(CliResult result) {
        Matcher m = ROLLBACK_ID.matcher(result.out());
        assertThat(m.find()).as("rollback id in\n" + result.out()).isTrue();
        return m.group(1);
    }

    private void writeConfig() throws Exception {
        Files.writeString(dir.resolve("rollback.yaml"), """
                registries:
                  default: {trackingUri: "http://127.0.0.1:9"}
                services:
                  recsys:
                    model: {name: homepage-recsys}
                    features:
                      repo: features/repo
                      paths: [%s]
                      dvc: %s
                """.formatted(String.join(", ", FeatureRepo.PATHS), repo.dvcBinary()));
    }

    private CliRunner cli() {
        CliRunner cli = new CliRunner(dir).env("ROLLBACK_STATE_DIR", dir.resolve("state").toString())
                .env("ROLLBACK_USER", "oncall@example.com");
        repo.env().forEach(cli::env);
        return cli;
    }
}
