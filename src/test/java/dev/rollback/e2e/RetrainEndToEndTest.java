package dev.rollback.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.testsupport.CliResult;
import dev.rollback.testsupport.CliRunner;
import dev.rollback.testsupport.ci.GitLabStandIn;
import dev.rollback.testsupport.ci.WebhookStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.rollback.testsupport.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rollback retrain} through the CLI against a local STAND-IN for GitLab's pipeline trigger and pipelines
 * APIs (hosted GitLab cannot run here; the stand-in checks each request against GitLab's documented shapes).
 */
class RetrainEndToEndTest {

    private static final String TRIGGER_TOKEN = "glptt-0123456789abcdef";
    private static final String API_TOKEN = "glpat-fedcba9876543210";
    /** The id the stand-in gives its first pipeline. */
    private static final long FIRST = 1001;
    private static final Pattern ROLLBACK_ID = Pattern.compile("Rollback (rb-[0-9]{8}-[0-9]{6}-recsys-[0-9a-f]{4})");

    @TempDir
    Path dir;
    private GitLabStandIn gitlab;

    @BeforeEach
    void start() throws Exception {
        gitlab = new GitLabStandIn("ml/recsys-training", 42, TRIGGER_TOKEN, API_TOKEN);
        writeConfig("""
                    ci:
                      kind: gitlab
                      url: %s
                      project: ml/recsys-training
                      tokenEnv: GL_TRIGGER_TOKEN
                      apiTokenEnv: GL_API_TOKEN
                """.formatted(gitlab.uri()));
    }

    @AfterEach
    void stop() {
        assertThat(gitlab.violations()).isEmpty();
        gitlab.close();
    }

    @Test
    void dryRunShowsTheExactRequestWithTheTokenMaskedAndTriggersNothing() {
        CliResult result = cli().run("retrain", "recsys", "--dataset", "v12", "--dry-run");

        assertThat(result).succeeded().outContains("POST " + gitlab.uri() + "/api/v4/projects/ml%2Frecsys-training/trigger/pipeline",
                "token=***", "variables%5BROLLBACK_DATASET_VERSION%5D=v12");
        assertThat(result.out() + result.err()).doesNotContain(TRIGGER_TOKEN, API_TOKEN);
        assertThat(gitlab.requests()).isEmpty();
    }

    @Test
    void triggersThePipelineWithTheVariablesAndPrintsItsUrl() {
        CliResult result = cli().run("retrain", "recsys", "--dataset", "v12", "--yes", "--reason", "bad labels since v13");

        assertThat(result).succeeded();
        String id = idOf(result);
        GitLabStandIn.Pipeline pipeline = gitlab.pipeline(FIRST);
        assertThat(pipeline.ref).isEqualTo("main");
        assertThat(pipeline.variables).containsEntry("ROLLBACK_MODEL_NAME", "homepage-recsys")
                .containsEntry("ROLLBACK_DATASET_VERSION", "v12").containsEntry("ROLLBACK_CONFIG_REF", "main")
                .containsEntry("ROLLBACK_EMERGENCY", "true").containsEntry("ROLLBACK_ID", id);
        assertThat(result.out()).contains("run: " + gitlab.webUrl(FIRST));
        assertThat(result.out() + result.err()).doesNotContain(TRIGGER_TOKEN, API_TOKEN);
        assertThat(journal(id)).contains("started gitlab run " + FIRST).doesNotContain(TRIGGER_TOKEN);
    }

    @Test
    void waitFollowsTheRunToSuccessAndNotesItInTheJournal() {
        gitlab.statusesOfNextPipeline("pending", "running", "running", "success");

        CliResult result = cli().run("retrain", "recsys", "--dataset", "v12", "--config-ref", "v2.3.1", "--wait",
                "--yes");

        assertThat(result).succeeded().outContains("run " + FIRST + ": succeeded (success)");
        assertThat(result.err()).contains("run " + FIRST + ": pending", "run " + FIRST + ": running", "run " + FIRST + ": succeeded");
        // The pipeline runs from the configured ref; the training code/config ref is its variable.
        assertThat(gitlab.pipeline(FIRST).ref).isEqualTo("main");
        assertThat(gitlab.pipeline(FIRST).variables).containsEntry("ROLLBACK_CONFIG_REF", "v2.3.1");
        assertThat(journal(idOf(result))).contains("run " + FIRST + " succeeded");
    }

    @Test
    void waitExitsTwelveWhenTheRunFails() {
        gitlab.statusesOfNextPipeline("running", "failed");

        CliResult result = cli().run("retrain", "recsys", "--dataset", "v12", "--wait", "--yes");

        assertThat(result).exitedWith(12).errContains("ended failed", gitlab.webUrl(FIRST));
    }

    @Test
    void jsonWithWaitIsOneDocumentWithTheRunsEnd() throws Exception {
        CliResult result = cli().run("retrain", "recsys", "--dataset", "v12", "--wait", "--yes", "-o", "json");

        assertThat(result).succeeded();
        JsonNode doc = new ObjectMapper().readTree(result.out());
        assertThat(doc.get("kind").asText()).isEqualTo("Retrain");
        assertThat(doc.at("/run/state").asText()).isEqualTo("SUCCEEDED");
        assertThat(doc.at("/run/url").asText()).isEqualTo(gitlab.webUrl(FIRST));
        assertThat(doc.at("/request/body").asText()).contains("token=***");
    }

    @Test
    void aRejectedTokenStartsNothingAndSaysSo() {
        CliResult result = cli().env("GL_TRIGGER_TOKEN", "glptt-wrong-token").run("retrain", "recsys", "--dataset", "v12",
                "--yes");

        assertThat(result).exitedWith(8).errContains("nothing started");
        assertThat(gitlab.pipeline(FIRST)).isNull();
        assertThat(result.out() + result.err()).doesNotContain("glptt-wrong-token");
    }

    @Test
    void waitOnAWebhookIsRefusedBecauseItCannotBeFollowed() throws Exception {
        try (WebhookStandIn webhook = new WebhookStandIn("/hooks/retrain", null, null)) {
            writeConfig("""
                        ci:
                          kind: webhook
                          url: %s/hooks/retrain
                    """.formatted(webhook.uri()));

            CliResult result = cli().run("retrain", "recsys", "--dataset", "v12", "--wait", "--yes");

            assertThat(result).exitedWith(7).errContains("--wait", "webhook");
            assertThat(webhook.requests()).isEmpty();
        }
    }

    @Test
    void aDatasetVersionThatIsNotOneIsRefused() {
        CliResult result = cli().run("retrain", "recsys", "--dataset", "v12; rm -rf /", "--yes");

        assertThat(result).exitedWith(7).errContains("not a dataset version");
        assertThat(gitlab.requests()).isEmpty();
    }

    private String journal(String id) {
        try {
            return Files.readString(dir.resolve("state/journal/" + id + ".jsonl"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String idOf(CliResult result) {
        Matcher m = ROLLBACK_ID.matcher(result.out());
        assertThat(m.find()).as("rollback id in\n" + result.out()).isTrue();
        return m.group(1);
    }

    private void writeConfig(String ci) throws Exception {
        Files.writeString(dir.resolve("rollback.yaml"), """
                registries:
                  default: {trackingUri: "http://127.0.0.1:9"}
                services:
                  recsys:
                    model: {name: homepage-recsys}
                %s""".formatted(ci));
    }

    private CliRunner cli() {
        return new CliRunner(dir).env("ROLLBACK_STATE_DIR", dir.resolve("state").toString())
                .env("ROLLBACK_USER", "oncall@example.com").env("ROLLBACK_CI_POLL_MILLIS", "20")
                .env("GL_TRIGGER_TOKEN", TRIGGER_TOKEN).env("GL_API_TOKEN", API_TOKEN);
    }
}
