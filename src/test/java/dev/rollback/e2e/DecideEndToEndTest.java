package dev.rollback.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.testsupport.CliResult;
import dev.rollback.testsupport.prometheus.PrometheusServer;
import dev.rollback.testsupport.prometheus.Series;
import dev.rollback.testsupport.prometheus.Timeline;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static dev.rollback.testsupport.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rollback decide} through the CLI on a real Prometheus (Debian package) holding backfilled series, and the
 * real MLflow registry for the baseline (v5's run logged diversity 0.73). {@code --at} puts the decision at known
 * minutes of the backfilled incident:
 * <pre>
 * minute   0-19  healthy: error rate 0.01, diversity 0.72, no revenue loss
 * minute  20-    diversity 0.04 (the seed incident's collapse)
 * minute  30-31  error rate 0.30
 * minute  40-    revenue loss 3000/min
 * minute  50-54  no error-rate samples (a scrape gap)
 * </pre>
 */
@EnableKubernetesMockClient(crud = true)
class DecideEndToEndTest {

    static KubernetesClient client;
    static KubernetesMockServer server;
    static final Timeline T = Timeline.hoursAgo(3);
    static PrometheusServer prometheus;

    @TempDir
    static Path promDir;

    @TempDir
    static Path stackDir;

    @TempDir
    Path dir;

    /** One stack for the class: decide only reads, so the tests cannot disturb each other. */
    static RollbackStack stack;

    @BeforeAll
    static void startPrometheus() {
        Duration minute = Duration.ofMinutes(1);
        prometheus = PrometheusServer.builder(promDir)
                .backfill(
                        Series.gauge("recsys_error_rate").every(minute, T.minute(0), T.minute(70),
                                at -> at.isBefore(T.minute(30)) || !at.isBefore(T.minute(32)) ? 0.01 : 0.30)
                                .without(T.minute(50), T.minute(55)),
                        Series.gauge("recsys_diversity").every(minute, T.minute(0), T.minute(70),
                                at -> at.isBefore(T.minute(20)) ? 0.72 : 0.04),
                        Series.gauge("recsys_revenue_loss_per_minute").every(minute, T.minute(0), T.minute(70),
                                at -> at.isBefore(T.minute(40)) ? 0 : 3000))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        prometheus.close();
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void stack() throws Exception {
        if (stack == null) {
            stack = new RollbackStack(client, stackDir, "decide");
            stack.addToService(metrics(prometheus.uri().toString()));
        }
    }

    static String metrics(String url) {
        return """
                metrics:
                  prometheus: %s
                  queries:
                    revenueLossPerMinute: recsys_revenue_loss_per_minute
                    errorRate: recsys_error_rate
                    diversity: recsys_diversity
                  thresholds:
                    revenueLossPerMinute: 500
                    errorRate: 0.05
                    diversityDropPercent: 30
                """.formatted(url);
    }

    private CliResult decideAt(Instant at, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "decide";
        args[1] = "recsys";
        args[2] = "--at=" + at;
        System.arraycopy(more, 0, args, 3, more.length);
        return stack.cli().run(args);
    }

    @Test
    void healthyMinuteIsMonitorWithExitZero() {
        CliResult result = decideAt(T.minute(10, 30));
        assertThat(result).succeeded().outContains("recsys: MONITOR", "no threshold is breached", "baseline: v5");
    }

    @Test
    void diversityCollapseAgainstTheBaselinesRunMetricIsInvestigateFirst() {
        CliResult result = decideAt(T.minute(25, 30));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(13);
        assertThat(result).outContains("INVESTIGATE_FIRST",
                "prediction diversity 0.04 is 94.52% below the baseline's 0.73 (v5); allowed 30%");
    }

    @Test
    void errorRateSpikeIsRollbackImmediatelyWithTheNumbers() {
        CliResult result = decideAt(T.minute(30, 30));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(14);
        assertThat(result).outContains("ROLLBACK_IMMEDIATELY", "error rate 0.3 > 0.05 (max)",
                "next: rollback model recsys --to healthy-baseline");
    }

    @Test
    void revenueLossInJsonCarriesEveryReasonAndReading() throws Exception {
        CliResult result = decideAt(T.minute(45, 30), "-o", "json");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(14);
        JsonNode doc = new ObjectMapper().readTree(result.out());
        assertThat(doc.path("kind").asText()).isEqualTo("Decision");
        assertThat(doc.path("verdict").asText()).isEqualTo("ROLLBACK_IMMEDIATELY");
        assertThat(doc.path("reasons")).extracting(r -> r.path("signal").asText())
                .containsExactly("revenueLossPerMinute", "diversity");
        assertThat(doc.path("reasons").get(0).path("observed").asDouble()).isEqualTo(3000);
        assertThat(doc.path("reasons").get(0).path("limit").asDouble()).isEqualTo(500);
        assertThat(doc.path("baseline").path("version").asText()).isEqualTo("5");
        assertThat(doc.path("baseline").path("values").path("diversity").asDouble()).isEqualTo(0.73);
        assertThat(doc.path("readings")).hasSize(3);
    }

    @Test
    void aScrapeGapIsReportedAndIsNotABreach() {
        CliResult result = decideAt(T.minute(53));
        assertThat(result).outContains("error rate", "gap: no data", "a gap is not a breach");
        assertThat(result.out()).doesNotContain("error rate 0.");
        assertThat(result.exitCode()).isEqualTo(14); // revenue loss still breaches
    }

    @Test
    void unreachablePrometheusIsOneLineExitFive() throws Exception {
        try (RollbackStack down = new RollbackStack(client, dir, "decide-down")) {
            down.addToService(metrics("http://127.0.0.1:9"));
            CliResult result = down.cli().run("decide", "recsys");
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
            assertThat(result.err().strip().lines()).hasSize(1);
            assertThat(result.err()).contains("no signal of recsys could be read from http://127.0.0.1:9");
        }
    }

    @Test
    void aServiceWithoutMetricsIsAConfigErrorExitThree() throws Exception {
        try (RollbackStack bare = new RollbackStack(client, dir, "decide-bare")) {
            CliResult result = bare.cli().run("decide", "recsys");
            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.err()).contains("has no metrics section");
        }
    }

    @Test
    void aBadTimeIsAUsageError() {
        CliResult result = stack.cli().run("decide", "recsys", "--at", "yesterday");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--at expects an ISO-8601 instant");
    }
}
