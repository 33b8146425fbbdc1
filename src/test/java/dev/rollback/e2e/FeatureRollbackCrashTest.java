package dev.rollback.e2e;

import dev.rollback.testsupport.CliResult;
import dev.rollback.testsupport.CliRunner;
import dev.rollback.testsupport.features.FeatureRepo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static dev.rollback.testsupport.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rollback features} killed (SIGKILL, child JVM paused by the test hook ROLLBACK_DEBUG_PAUSE_BEFORE_STEP)
 * after the restore commit, before the checkout; then {@code resume} or {@code abort} rebuild the feature steps
 * from the journal. Real git and DVC, as in FeatureRollbackEndToEndTest.
 */
class FeatureRollbackCrashTest {

    @TempDir
    static Path template;
    private static FeatureRepo scenario;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildScenario() {
        scenario = FeatureRepo.build(template.resolve("scenario"));
    }

    @ParameterizedTest(name = "killed before the checkout, then {0}")
    @ValueSource(strings = {"resume", "abort"})
    void killedAfterTheCommitThenResumeOrAbortFromTheJournal(String action) throws Exception {
        FeatureRepo repo = scenario.copyTo(dir.resolve("features"));
        String mainBefore = repo.git("rev-parse", "main").strip();
        Files.writeString(dir.resolve("rollback.yaml"), """
                registries:
                  default: {trackingUri: "http://127.0.0.1:9"}
                services:
                  recsys:
                    model: {name: homepage-recsys}
                    features: {repo: features/repo, paths: [%s], dvc: %s}
                """.formatted(String.join(", ", FeatureRepo.PATHS), repo.dvcBinary()));
        Map<String, String> env = new HashMap<>(repo.env());
        env.put("ROLLBACK_STATE_DIR", dir.resolve("state").toString());
        env.put("ROLLBACK_USER", "oncall@example.com");
        env.put("ROLLBACK_LOCK_TTL_SECONDS", "3");
        Map<String, String> paused = new HashMap<>(env);
        paused.put("ROLLBACK_DEBUG_PAUSE_BEFORE_STEP", "2");
        try (CliProcess process = new CliProcess(dir, paused, "features", "recsys", "--to", "previous", "--yes")) {
            process.awaitStderr("paused before step 2", Duration.ofSeconds(60));
            process.kill();
        }
        String id = EndToEnd.onlyJournal(dir).getFileName().toString().replace(".jsonl", "");
        String branch = "rollback/recsys/" + id;
        assertThat(repo.git("branch", "--list", branch)).as("the commit step ran").contains(branch);
        assertThat(repo.git("symbolic-ref", "--short", "HEAD").strip()).isEqualTo("main");
        Thread.sleep(3_500); // the dead process's lock (ttl 3 s here) must expire first

        CliRunner cli = new CliRunner(dir);
        env.forEach(cli::env);
        CliResult finish = cli.run(action, id, "--yes");

        assertThat(finish).succeeded();
        if (action.equals("resume")) {
            assertThat(repo.git("symbolic-ref", "--short", "HEAD").strip()).isEqualTo(branch);
            assertThat(repo.read("data/encoder.bin")).isEqualTo(repo.knownGood().encoder());
        } else {
            assertThat(repo.git("symbolic-ref", "--short", "HEAD").strip()).isEqualTo("main");
            assertThat(repo.git("branch", "--list", "rollback/*")).isBlank();
            assertThat(repo.read("data/encoder.bin")).isEqualTo(repo.badChange().encoder());
        }
        assertThat(repo.git("rev-parse", "main").strip()).isEqualTo(mainBefore);
        assertThat(repo.git("status", "--porcelain")).isBlank();
    }
}
