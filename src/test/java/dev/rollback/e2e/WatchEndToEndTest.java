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
import java.util.List;
import java.util.stream.Stream;

import static dev.rollback.testsupport.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rollback watch recsys} through the CLI on the 2 AM scenario (v7 live and failing), with a real Prometheus
 * scraping the model server's metrics every second ({@link ServedModelMetrics}: v7 errors at 30 %) and the fabric8 mock API server in CRUD mode holding the watch's leader Lease. The watch must
 * roll back exactly once, to the healthy baseline, record its decision and verification in the journal, and stop.
 */
@EnableKubernetesMockClient(crud = true)
class WatchEndToEndTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path dir;

    @Test
    void rollsBackExactlyOnceAfterConsecutiveHardBreachesThenStops() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "watch");
             ScrapeTarget target = ScrapeTarget.start();
             PrometheusServer prometheus = PrometheusServer.builder(dir.resolve("prom"))
                     .scrape(target.uri(), Duration.ofSeconds(1)).start();
             ServedModelMetrics metrics = new ServedModelMetrics(stack, target, true)) {
            stack.addToService("""
                    metrics:
                      prometheus: %s
                      queries:
                        errorRate: recsys_error_rate
                      thresholds:
                        errorRate: 0.05
                      verify:
                        window: 20s
                        interval: 1s
                      watch:
                        interval: 1s
                        consecutive: 3
                    """.formatted(prometheus.uri()));
            target.awaitScrapes(2, Duration.ofSeconds(10));

            CliResult result = stack.cli().run("watch", "recsys", "--timeout", "20s");

            assertThat(result).succeeded().outContains("hard breach 1/3", "hard breach 2/3", "hard breach 3/3",
                    "rolling back recsys to the healthy baseline after 3 consecutive hard breaches",
                    "recovered within", "rolled back v7 → v5");
            assertThat(result.out()).doesNotContain("hard breach 4/3");
            assertThat(stack.servedReference()).isEqualTo(stack.reference("5"));
            List<Path> journals;
            try (Stream<Path> files = Files.list(dir.resolve("state/journal"))) {
                journals = files.toList();
            }
            assertThat(journals).hasSize(1);
            String journal = Files.readString(journals.get(0));
            assertThat(journal).contains("\"type\":\"DECISION\"", "\"type\":\"VERIFICATION\"",
                    "\"outcome\":\"COMPLETED\"", "watch: error rate 0.3 > 0.05 (max)");
            assertThat(stack.tag("7", "rollback.reason")).startsWith("watch: error rate 0.3 > 0.05");
            assertThat(client.leases().inNamespace(stack.namespace).withName("rollback-watch-recsys").get())
                    .as("the watch's leader Lease").isNotNull();
        }
    }
}
