package dev.rollback.adapters.metrics.prometheus;

import dev.rollback.core.metrics.MetricsException;
import dev.rollback.core.metrics.MetricsException.Kind;
import dev.rollback.core.metrics.MetricsSource.Point;
import dev.rollback.testsupport.prometheus.PrometheusServer;
import dev.rollback.testsupport.prometheus.Series;
import dev.rollback.testsupport.prometheus.Timeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Queries against a real Prometheus holding the seed incident, backfilled: diversity 0.73 falling to 0.04 at minute
 * 60, no samples at all in minutes 70-79, an error ratio that is NaN throughout (no traffic), and a p99 that comes
 * as three series, one per pod. Samples are one minute apart and the lookback delta is one minute.
 */
class PrometheusMetricsSourceTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Timeline T = Timeline.hoursAgo(3);

    @TempDir
    static Path dir;
    static PrometheusServer prometheus;
    static PrometheusMetricsSource source;

    @BeforeAll
    static void start() {
        prometheus = PrometheusServer.builder(dir).backfill(
                Series.gauge("recsys_diversity", "service", "recsys")
                        .every(MINUTE, T.minute(0), T.minute(120), at -> at.isBefore(T.minute(60)) ? 0.73 : 0.04)
                        .without(T.minute(70), T.minute(80)),
                Series.gauge("recsys_error_ratio", "service", "recsys")
                        .every(MINUTE, T.minute(0), T.minute(120), at -> Double.NaN),
                Series.gauge("recsys_p99_seconds", "pod", "a").every(MINUTE, T.minute(0), T.minute(120), at -> 0.2),
                Series.gauge("recsys_p99_seconds", "pod", "b").every(MINUTE, T.minute(0), T.minute(120), at -> 0.3),
                Series.gauge("recsys_p99_seconds", "pod", "c").every(MINUTE, T.minute(0), T.minute(120), at -> 0.4),
                Series.gauge("precise_gauge").at(T.minute(100), 1).at(T.minute(100).plusMillis(123), 2))
                .start();
        source = MetricsConfigs.open(prometheus.uri());
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void readsTheValueBeforeAndAfterTheDrop() {
        assertThat(source.instant("recsys_diversity", T.minute(59))).hasValue(0.73);
        assertThat(source.instant("recsys_diversity", T.minute(59, 30))).hasValue(0.73);
        assertThat(source.instant("recsys_diversity", T.minute(60))).hasValue(0.04);
        assertThat(source.instant("recsys_diversity{service=\"recsys\"}", T.minute(61))).hasValue(0.04);
    }

    @Test
    void sendsTheTimeToTheMillisecond() {
        // 2 was sampled 123 ms after 1: a time rounded or cut to whole seconds would read 1 at both instants
        assertThat(source.instant("precise_gauge", T.minute(100).plusMillis(122))).hasValue(1);
        assertThat(source.instant("precise_gauge", T.minute(100).plusMillis(123))).hasValue(2);
    }

    @Test
    void aGapInTheDataIsEmptyNotZero() {
        assertThat(source.instant("recsys_diversity", T.minute(69, 30))).as("30 s after the last sample").hasValue(0.04);
        assertThat(source.instant("recsys_diversity", T.minute(72))).as("3 min after it").isEmpty();
        assertThat(source.instant("recsys_diversity", T.minute(80))).hasValue(0.04);
    }

    @Test
    void nanIsEmpty() {
        assertThat(source.instant("recsys_error_ratio", T.minute(30))).as("a NaN sample").isEmpty();
        assertThat(source.instant("scalar(recsys_p99_seconds)", T.minute(30))).as("scalar() of three series is NaN")
                .isEmpty();
        assertThat(source.instant("recsys_diversity", T.minute(30))).as("the series next to it has data").hasValue(0.73);
    }

    @Test
    void noSeriesIsEmpty() {
        assertThat(source.instant("recsys_diversity{service=\"search\"}", T.minute(30))).isEmpty();
        assertThat(source.instant("recsys_diversity", T.minute(200))).as("after the data ends").isEmpty();
    }

    @Test
    void scalarsAndOneSeriesVectorsAreNumbers() {
        assertThat(source.instant("scalar(recsys_diversity)", T.minute(59))).as("resultType scalar").hasValue(0.73);
        assertThat(source.instant("0.5", T.minute(59))).as("a literal is a scalar").hasValue(0.5);
        assertThat(source.instant("vector(1)", T.minute(59))).as("a vector without labels").hasValue(1);
        assertThat(source.instant("max(recsys_p99_seconds)", T.minute(59))).as("aggregated").hasValue(0.4);
    }

    @Test
    void infinityIsAValueNotAGap() {
        assertThat(source.instant("1/0", T.minute(59))).hasValue(Double.POSITIVE_INFINITY);
        assertThat(source.instant("-1/0", T.minute(59))).hasValue(Double.NEGATIVE_INFINITY);
    }

    @Test
    void moreThanOneSeriesIsAmbiguousWithTheCount() {
        MetricsException e = failure(() -> source.instant("recsys_p99_seconds", T.minute(30)));
        assertThat(e.kind()).isEqualTo(Kind.AMBIGUOUS);
        assertThat(e.getMessage()).contains("'recsys_p99_seconds' returns 3 series").contains("pod=\"a\"")
                .contains("sum(").contains("max(");
    }

    @Test
    void badPromqlIsBadQueryWithPrometheusMessage() {
        MetricsException e = failure(() -> source.instant("rate(recsys_diversity)", T.minute(30)));
        assertThat(e.kind()).isEqualTo(Kind.BAD_QUERY);
        assertThat(e.getMessage()).startsWith("Prometheus rejected the query 'rate(recsys_diversity)': ")
                .contains("expected type range vector in call to function \"rate\", got instant vector")
                .contains("metrics.queries");
        MetricsException unclosed = failure(() -> source.instant("sum(recsys_diversity", T.minute(30)));
        assertThat(unclosed.kind()).isEqualTo(Kind.BAD_QUERY);
        assertThat(unclosed.getMessage()).contains("unclosed left parenthesis");
    }

    @Test
    void aQueryThatIsNotANumberIsBadQuery() {
        MetricsException range = failure(() -> source.instant("recsys_diversity[5m]", T.minute(30)));
        assertThat(range.kind()).isEqualTo(Kind.BAD_QUERY);
        assertThat(range.getMessage()).contains("yields a matrix").contains("avg_over_time");
        MetricsException string = failure(() -> source.instant("\"text\"", T.minute(30)));
        assertThat(string.kind()).isEqualTo(Kind.BAD_QUERY);
        assertThat(string.getMessage()).contains("yields a string");
    }

    @Test
    void anExecutionErrorIsUnavailableWithPrometheusMessage() {
        // Prometheus's errorType "execution" (422) depends on the data of the moment: during a rollout two pods
        // briefly make a one-to-one match many-to-many. The next poll may well succeed.
        MetricsException e = failure(() -> source.instant("vector(1) + on() recsys_p99_seconds", T.minute(30)));
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("(422 execution)").contains("many-to-many matching not allowed");
    }

    @Test
    void rangeReturnsThePointsAtEachStep() {
        assertThat(source.range("recsys_diversity", T.minute(58), T.minute(62), MINUTE)).containsExactly(
                new Point(T.minute(58), 0.73), new Point(T.minute(59), 0.73), new Point(T.minute(60), 0.04),
                new Point(T.minute(61), 0.04), new Point(T.minute(62), 0.04));
    }

    @Test
    void rangeLeavesOutThePointsOfAGap() {
        Instant start = T.minute(64, 30).plusMillis(123); // off the sample minutes, and not a whole second
        List<Point> expected = new ArrayList<>();
        for (int m = 0; m <= 20; m++) {
            Instant at = start.plus(Duration.ofMinutes(m));
            if (m <= 5 || m >= 16) { // 70:30 to 79:30 see no sample within the 1-minute lookback
                expected.add(new Point(at, 0.04));
            }
        }
        assertThat(source.range("recsys_diversity", start, start.plus(Duration.ofMinutes(20)), MINUTE))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void rangeWithNoSeriesIsEmptyAndWithSeveralIsAmbiguous() {
        assertThat(source.range("recsys_diversity{service=\"search\"}", T.minute(0), T.minute(10), MINUTE)).isEmpty();
        assertThat(source.range("recsys_error_ratio", T.minute(0), T.minute(10), MINUTE)).as("all NaN").isEmpty();
        MetricsException e = failure(() -> source.range("recsys_p99_seconds", T.minute(0), T.minute(10), MINUTE));
        assertThat(e.kind()).isEqualTo(Kind.AMBIGUOUS);
        assertThat(e.getMessage()).contains("returns 3 series");
    }

    @Test
    void rangeRejectionsAreBadQueries() {
        MetricsException e = failure(() -> source.range("recsys_diversity", T.minute(0), T.minute(120),
                Duration.ofMillis(100)));
        assertThat(e.kind()).isEqualTo(Kind.BAD_QUERY);
        assertThat(e.getMessage()).contains("exceeded maximum resolution of 11,000 points");
    }

    @Test
    void countsOneRequestPerQuery() {
        PrometheusMetricsSource fresh = MetricsConfigs.open(prometheus.uri());
        assertThat(fresh.requests()).isZero();
        fresh.instant("recsys_diversity", T.minute(59));
        fresh.range("recsys_diversity", T.minute(58), T.minute(62), MINUTE);
        catchThrowableOfType(MetricsException.class, () -> fresh.instant("rate(x)", T.minute(59)));
        assertThat(fresh.requests()).isEqualTo(3);
        assertThat(fresh.requestCount()).isEqualTo(3);
    }

    @Test
    void locationIsTheBaseUrl() {
        assertThat(source.location()).isEqualTo(prometheus.uri().toString());
        assertThat(MetricsConfigs.open(java.net.URI.create(prometheus.uri() + "/")).instant("vector(2)", T.minute(1)))
                .as("a trailing slash in the config").hasValue(2);
    }

    private static MetricsException failure(Runnable query) {
        MetricsException e = catchThrowableOfType(MetricsException.class, query::run);
        assertThat(e).as("a MetricsException").isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n");
        return e;
    }
}
