package dev.rollback.adapters.metrics.prometheus;

import dev.rollback.core.metrics.MetricsException;
import dev.rollback.core.metrics.MetricsException.Kind;
import dev.rollback.testsupport.prometheus.PrometheusServer;
import dev.rollback.testsupport.prometheus.Series;
import dev.rollback.testsupport.prometheus.Timeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A real Prometheus served under /prometheus ({@code --web.external-url}), as behind a reverse proxy. */
class PrometheusPathPrefixTest {

    private static final Timeline T = Timeline.hoursAgo(3);

    @TempDir
    static Path dir;
    static PrometheusServer prometheus;

    @BeforeAll
    static void start() {
        prometheus = PrometheusServer.builder(dir).routePrefix("/prometheus")
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
    void queriesGoUnderThePrefix() {
        assertThat(prometheus.uri().getPath()).isEqualTo("/prometheus");
        PrometheusMetricsSource source = MetricsConfigs.open(URI.create(prometheus.uri() + "/"));
        assertThat(source.location()).isEqualTo(prometheus.uri().toString());
        assertThat(source.instant("recsys_diversity", T.minute(30))).hasValue(0.73);
        assertThat(source.range("recsys_diversity", T.minute(30), T.minute(31), Duration.ofMinutes(1))).hasSize(2);
    }

    @Test
    void aMissingPrefixIsNotFoundWithTheFix() {
        URI withoutPrefix = URI.create("http://" + prometheus.uri().getAuthority());
        MetricsException e = catchThrowableOfType(MetricsException.class,
                () -> MetricsConfigs.open(withoutPrefix).instant("recsys_diversity", T.minute(30)));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).isEqualTo("no Prometheus API at " + withoutPrefix + "/api/v1/query (404); if"
                + " Prometheus runs under a path prefix, include it in metrics.prometheus (like http://host/prometheus)");
    }
}
