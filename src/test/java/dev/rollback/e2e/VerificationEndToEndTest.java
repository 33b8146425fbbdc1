package dev.rollback.e2e;

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
 * Verification after {@code rollback model} on the 2 AM stack with a real Prometheus scraping the served model's
 * metrics ({@link ServedModelMetrics}: after the rollback to v5 the error rate is 0.01). A maximum of 0.001 can
 * never be met, so the rollback completes but verification fails with exit 15 and the numbers; --no-verify skips
 * it and says so in the journal.
 */
@EnableKubernetesMockClient(crud = true)
class VerificationEndToEndTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path dir;

    private static String metrics(PrometheusServer prometheus) {
        return """
                metrics:
                  prometheus: %s
                  queries: {errorRate: recsys_error_rate, diversity: recsys_diversity}
                  thresholds: {errorRate: 0.001}
                  verify: {window: 3s, interval: 1s, tolerancePercent: 10}
                """.formatted(prometheus.uri());
    }

    @Test
    void metricsThatDoNotRecoverMakeExitFifteenWithTheNumbersAndTheRollbackStays() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "verify");
             ScrapeTarget target = ScrapeTarget.start();
             PrometheusServer prometheus = PrometheusServer.builder(dir.resolve("prom"))
                     .scrape(target.uri(), Duration.ofSeconds(1)).start();
             ServedModelMetrics served = new ServedModelMetrics(stack, target, true)) {
            stack.addToService(metrics(prometheus));
            target.awaitScrapes(2, Duration.ofSeconds(10));

            CliResult result = stack.cli().run("model", "recsys", "--to", "healthy-baseline", "--yes", "--timeout",
                    "20s");

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(15);
            assertThat(result).outContains("rolled back recsys", "NOT recovered within 3s: error rate",
                    "<= 0.001 (not recovered)", "prediction diversity");
            assertThat(stack.isRolledBack()).isTrue();
            String journal = Files.readString(EndToEnd.onlyJournal(dir));
            assertThat(journal).contains("\"type\":\"VERIFICATION\"", "\"passed\":false");
        }
    }

    @Test
    void noVerifySkipsItAndTheJournalSaysSo() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "noverify");
             ScrapeTarget target = ScrapeTarget.start();
             PrometheusServer prometheus = PrometheusServer.builder(dir.resolve("prom"))
                     .scrape(target.uri(), Duration.ofSeconds(1)).start()) {
            stack.addToService(metrics(prometheus));

            CliResult result = stack.cli().run("model", "recsys", "--to", "healthy-baseline", "--yes", "--no-verify",
                    "--timeout", "20s");

            assertThat(result).succeeded().outContains("verification skipped: --no-verify");
            assertThat(Files.readString(EndToEnd.onlyJournal(dir))).contains("\"type\":\"VERIFICATION\"",
                    "\"skipped\":\"--no-verify\"");
        }
    }
}
