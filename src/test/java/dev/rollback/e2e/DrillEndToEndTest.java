package dev.rollback.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.testsupport.CliResult;
import dev.rollback.testsupport.prometheus.PrometheusServer;
import dev.rollback.testsupport.prometheus.ScrapeTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.rollback.testsupport.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rollback drill} end to end on the local stack: real MLflow, real S3 (moto), the fabric8 Kubernetes mock API
 * server with the test Deployment controller, and a real Prometheus scraping a {@link ScrapeTarget} every second,
 * fed by {@link ServedModelMetrics} with the served version's error rate and diversity (v7 collapses both), so the
 * drill sees the bad release and the recovery through Prometheus, as it would in a cluster.
 *
 * <p>Staging starts healthy: the 2 AM scenario is first rolled back to v5, then the drill deploys v7 again.
 */
@EnableKubernetesMockClient(crud = true)
class DrillEndToEndTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path dir;

    private static String sections(String prometheus, boolean synthetic, String detectTimeout) {
        return """
                metrics:
                  prometheus: %s
                  queries:
                    errorRate: recsys_error_rate
                    diversity: recsys_diversity
                  thresholds:
                    errorRate: 0.05
                    diversityDropPercent: 30
                  verify:
                    window: 30s
                    interval: 1s
                    tolerancePercent: 10
                  watch:
                    interval: 1s
                    consecutive: 2
                drill:
                  version: "7"
                  syntheticBreach: %s
                  budget: 2m
                  detectTimeout: %s
                """.formatted(prometheus, synthetic, detectTimeout);
    }

    /** Brings staging to a healthy start (v5 live), then adds metrics and drill sections. */
    private static void healthyStaging(RollbackStack stack, String prometheus, boolean synthetic, String detect)
            throws Exception {
        assertThat(stack.cli().run("model", "recsys", "--to", "healthy-baseline", "--yes", "--timeout", "20s"))
                .succeeded();
        stack.addToService(sections(prometheus, synthetic, detect));
    }

    @Test
    void detectsTheBadReleaseRollsBackVerifiesAndRestoresExactly() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "drill");
             ScrapeTarget target = ScrapeTarget.start();
             PrometheusServer prometheus = PrometheusServer.builder(dir.resolve("prom"))
                     .scrape(target.uri(), Duration.ofSeconds(1)).start();
             ServedModelMetrics metrics = new ServedModelMetrics(stack, target, true)) {
            healthyStaging(stack, prometheus.uri().toString(), false, "60s");
            String tagsBefore = stack.version("7").path("tags").toString() + stack.version("5").path("tags");
            target.awaitScrapes(2, Duration.ofSeconds(10));

            CliResult result = stack.cli().run("drill", "recsys", "--yes", "-o", "json", "--timeout", "20s");

            assertThat(result).succeeded();
            JsonNode doc = new ObjectMapper().readTree(result.out());
            assertThat(doc.path("passed").asBoolean()).isTrue();
            assertThat(doc.path("synthetic").asBoolean()).isFalse();
            assertThat(doc.path("restored").asBoolean()).isTrue();
            assertThat(doc.path("verified").asBoolean()).isTrue();
            JsonNode phases = doc.path("phasesSeconds");
            for (String phase : new String[] {"detection", "triage", "execution", "verification"}) {
                assertThat(phases.path(phase).isNumber()).as(phase + " in " + doc).isTrue();
            }
            assertThat(phases.path("mttr").asDouble()).isCloseTo(phases.path("detection").asDouble()
                    + phases.path("triage").asDouble() + phases.path("execution").asDouble()
                    + phases.path("verification").asDouble(), org.assertj.core.data.Offset.offset(0.01));
            // detection needs 2 consecutive breaches 1 s apart, after Prometheus scraped v7's numbers
            assertThat(phases.path("detection").asDouble()).isGreaterThanOrEqualTo(1.0);
            assertThat(result.err()).contains("hard breach 1/2", "hard breach 2/2", "rolling back recsys");

            // the exact state from before the drill: v5 served, alias, stages and every tag as they were
            assertThat(stack.servedReference()).isEqualTo(stack.reference("5"));
            assertThat(stack.alias()).isEqualTo("5");
            assertThat(stack.version("7").path("tags").toString() + stack.version("5").path("tags"))
                    .isEqualTo(tagsBefore);
            Path report = Path.of(doc.path("report").asText());
            assertThat(Files.readString(report)).contains("# Drill report: recsys", "| **MTTR** |",
                    "restored exactly");

            // the rollback's own journal holds the decision and the verification; report renders it
            CliResult incident = stack.cli().run("report", doc.path("rollbackJournal").asText());
            assertThat(incident).succeeded().outContains("error rate 0.3 > 0.05 (max)");

            CliResult history = stack.cli().run("drill", "recsys", "--history");
            assertThat(history).succeeded().outContains(doc.path("id").asText(), "passed");
        }
    }

    @Test
    void aSyntheticBreachIsLabelledAndVerificationStillReadsTheRealMetrics() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "drill-synth");
             ScrapeTarget target = ScrapeTarget.start();
             PrometheusServer prometheus = PrometheusServer.builder(dir.resolve("prom"))
                     .scrape(target.uri(), Duration.ofSeconds(1)).start();
             ServedModelMetrics metrics = new ServedModelMetrics(stack, target, false)) {
            healthyStaging(stack, prometheus.uri().toString(), true, "60s");
            target.awaitScrapes(2, Duration.ofSeconds(10));

            CliResult preview = stack.cli().run("drill", "recsys", "--dry-run");
            assertThat(preview).succeeded().outContains("alias 'champion' of " + stack.model + ": 5 → 7",
                    "Then: detect through", "synthetic breach injected");
            assertThat(preview.out()).doesNotContain("audit tags");
            assertThat(stack.servedReference()).isEqualTo(stack.reference("5"));

            CliResult result = stack.cli().run("drill", "recsys", "--yes", "--timeout", "20s");

            assertThat(result).succeeded().outContains("PASSED (synthetic breach)", "restored exactly: yes");
            assertThat(result.err()).contains("[synthetic, injected by the drill]");
        }
    }

    @Test
    void aBadReleaseTheMetricsMissFailsTheDrillAndStillRestores() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "drill-miss");
             ScrapeTarget target = ScrapeTarget.start();
             PrometheusServer prometheus = PrometheusServer.builder(dir.resolve("prom"))
                     .scrape(target.uri(), Duration.ofSeconds(1)).start();
             ServedModelMetrics metrics = new ServedModelMetrics(stack, target, false)) {
            healthyStaging(stack, prometheus.uri().toString(), false, "4s");
            // no diversity threshold either: nothing would ever say roll back
            Files.writeString(stack.dir.resolve("rollback.yaml"), Files.readString(stack.dir.resolve(
                    "rollback.yaml")).replace("diversityDropPercent: 30", "diversityDropPercent: 99.9"));
            target.awaitScrapes(2, Duration.ofSeconds(10));

            CliResult result = stack.cli().run("drill", "recsys", "--yes", "--timeout", "20s");

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(16);
            assertThat(result).outContains("FAILED", "not detected within 4s", "restored exactly: yes");
            assertThat(stack.servedReference()).isEqualTo(stack.reference("5"));
            assertThat(stack.alias()).isEqualTo("5");
        }
    }

    @Test
    void aServiceWithoutADrillSectionIsRefusedWithExitThree() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "drill-none")) {
            CliResult result = stack.cli().run("drill", "recsys", "--yes");
            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.err()).contains("has no drill section");
        }
    }
}
