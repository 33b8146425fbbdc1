package dev.rollback.adapters.metrics.prometheus;

import dev.rollback.core.metrics.MetricsException;
import dev.rollback.core.metrics.MetricsException.Kind;
import dev.rollback.testsupport.ChildProcesses;
import dev.rollback.testsupport.faults.FaultProxy;
import dev.rollback.testsupport.faults.FaultProxy.Fault;
import dev.rollback.testsupport.prometheus.PrometheusServer;
import dev.rollback.testsupport.prometheus.ScrapeTarget;
import dev.rollback.testsupport.prometheus.Series;
import dev.rollback.testsupport.prometheus.Timeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * When Prometheus cannot answer: nothing listening, a server that never answers, 5xx from a proxy in front of a real
 * Prometheus ({@link FaultProxy}), something that is not Prometheus. All UNAVAILABLE, quickly, with one retry only
 * where a retry can help.
 */
class PrometheusUnavailableTest {

    private static final Timeline T = Timeline.hoursAgo(3);

    @TempDir
    static Path dir;
    static PrometheusServer prometheus;

    @BeforeAll
    static void start() {
        prometheus = PrometheusServer.builder(dir)
                .backfill(Series.gauge("recsys_diversity").every(Duration.ofMinutes(1), T.minute(0), T.minute(60),
                        at -> 0.73))
                .start();
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void nothingListeningIsUnavailableAfterOneRetry() throws IOException {
        URI closed = URI.create("http://127.0.0.1:" + ChildProcesses.freePort());
        PrometheusMetricsSource source = MetricsConfigs.open(closed);
        long started = System.nanoTime();
        MetricsException e = failure(() -> source.instant("up", T.minute(30)));
        assertThat(millisSince(started)).isLessThan(2_000);
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).isEqualTo("cannot reach Prometheus at " + closed + ": connection refused (2 attempts);"
                + " check metrics.prometheus and that Prometheus is running");
        assertThat(source.requests()).isEqualTo(2);
    }

    @Test
    void aServerThatNeverAnswersIsUnavailableAfterTheTimeout() throws IOException {
        // A stand-in, for this one case: a listening socket nobody accepts from. The kernel completes the TCP
        // handshake, so the request goes out and no answer ever comes, like a Prometheus stuck in a huge query.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            PrometheusMetricsSource source = PrometheusMetricsSource.create(
                    MetricsConfigs.config(uri, null, null, Duration.ofSeconds(1)), Map.of());
            long started = System.nanoTime();
            MetricsException e = failure(() -> source.instant("up", T.minute(30)));
            assertThat(millisSince(started)).isBetween(1_000L, 2_500L);
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.getMessage()).isEqualTo("Prometheus at " + uri + " did not answer within 1 s (metrics.timeout);"
                    + " it may be overloaded, or the query too expensive");
            assertThat(source.requests()).as("a timeout is not retried").isEqualTo(1);
        }
    }

    @Test
    void oneServiceUnavailableIsRetriedOnce() throws IOException {
        try (FaultProxy proxy = new FaultProxy(prometheus.uri())) {
            proxy.inject(Fault.status("GET", "/api/v1/query", 1, 503));
            PrometheusMetricsSource source = MetricsConfigs.open(URI.create(proxy.uri()));
            assertThat(source.instant("recsys_diversity", T.minute(30))).hasValue(0.73);
            assertThat(source.requests()).isEqualTo(2);
            assertThat(proxy.log()).hasSize(2);
        }
    }

    @Test
    void twoServiceUnavailablesInARowAreUnavailable() throws IOException {
        try (FaultProxy proxy = new FaultProxy(prometheus.uri())) {
            proxy.inject(Fault.status("GET", "/api/v1/query", 1, 503)).inject(Fault.status("GET", "/api/v1/query", 1,
                    503));
            PrometheusMetricsSource source = MetricsConfigs.open(URI.create(proxy.uri()));
            MetricsException e = failure(() -> source.instant("recsys_diversity", T.minute(30)));
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.getMessage()).isEqualTo("Prometheus at " + proxy.uri() + " answered 503 (2 attempts); check that"
                    + " it is up, then try again");
            assertThat(source.requests()).isEqualTo(2);
        }
    }

    @Test
    void otherServerErrorsAreNotRetried() throws IOException {
        try (FaultProxy proxy = new FaultProxy(prometheus.uri())) {
            proxy.inject(Fault.status("GET", "/api/v1/query", 1, 502));
            PrometheusMetricsSource source = MetricsConfigs.open(URI.create(proxy.uri()));
            MetricsException e = failure(() -> source.instant("recsys_diversity", T.minute(30)));
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("answered 502;");
            assertThat(source.requests()).isEqualTo(1);
            assertThat(source.instant("recsys_diversity", T.minute(30))).as("the next poll").hasValue(0.73);
        }
    }

    @Test
    void somethingThatIsNotPrometheusSaysSo() {
        try (ScrapeTarget notPrometheus = ScrapeTarget.start()) {
            MetricsException e = failure(() -> MetricsConfigs.open(notPrometheus.uri()).instant("up", T.minute(30)));
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.getMessage()).startsWith("no Prometheus API at " + notPrometheus.uri() + "/api/v1/query (404)");
        }
    }

    @Test
    void aConfigWithoutATimeoutUsesTheDefault() {
        PrometheusMetricsSource source = PrometheusMetricsSource.create(
                MetricsConfigs.config(prometheus.uri(), null, null, null), Map.of());
        assertThat(source.instant("recsys_diversity", T.minute(30))).hasValue(0.73);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static MetricsException failure(Runnable query) {
        MetricsException e = catchThrowableOfType(MetricsException.class, query::run);
        assertThat(e).as("a MetricsException").isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n");
        return e;
    }
}
