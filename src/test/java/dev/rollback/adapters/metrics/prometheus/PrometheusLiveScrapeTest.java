package dev.rollback.adapters.metrics.prometheus;

import dev.rollback.core.metrics.MetricsSource.Point;
import dev.rollback.testsupport.prometheus.PrometheusServer;
import dev.rollback.testsupport.prometheus.ScrapeTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Live data: a real Prometheus scraping a {@link ScrapeTarget} every second, as a watch loop would see it. */
class PrometheusLiveScrapeTest {

    private static final Duration SEEN_WITHIN = Duration.ofSeconds(5);
    private static final String QUERY = "recsys_diversity{job=\"" + PrometheusServer.SCRAPE_JOB + "\"}";

    @TempDir
    static Path dir;
    static ScrapeTarget target;
    static PrometheusServer prometheus;

    @BeforeAll
    static void start() {
        target = ScrapeTarget.start();
        prometheus = PrometheusServer.builder(dir).scrape(target.uri(), Duration.ofSeconds(1)).start();
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void aChangedValueIsSeenWithinSeconds() {
        PrometheusMetricsSource source = MetricsConfigs.open(prometheus.uri());
        target.set("recsys_diversity", 0.73);
        target.awaitScrapes(1, SEEN_WITHIN);
        await(source, v -> v.isPresent() && v.getAsDouble() == 0.73, "0.73");

        target.set("recsys_diversity", 0.04);
        await(source, v -> v.isPresent() && v.getAsDouble() == 0.04, "0.04 after the drop");

        target.remove("recsys_diversity");
        await(source, OptionalDouble::isEmpty, "empty once the series is gone (stale)");

        target.set("recsys_diversity", 0.5);
        await(source, v -> v.isPresent() && v.getAsDouble() == 0.5, "0.5 when it is back");

        target.set("recsys_diversity", Double.NaN);
        await(source, OptionalDouble::isEmpty, "empty for a NaN sample");
    }

    @Test
    void aRangeOverLiveDataHasAPointPerStep() {
        PrometheusMetricsSource source = MetricsConfigs.open(prometheus.uri());
        target.set("recsys_requests", 12);
        target.awaitScrapes(3, SEEN_WITHIN);
        Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Point> points = source.range("recsys_requests", end.minusSeconds(1), end, Duration.ofMillis(500));
        assertThat(points).containsExactly(new Point(end.minusSeconds(1), 12), new Point(end.minusMillis(500), 12),
                new Point(end, 12));
    }

    private static void await(PrometheusMetricsSource source, Predicate<OptionalDouble> seen, String what) {
        long deadline = System.nanoTime() + SEEN_WITHIN.toNanos();
        OptionalDouble last;
        do {
            last = source.instant(QUERY, Instant.now());
            if (seen.test(last)) {
                return;
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Prometheus did not show " + what + " within " + SEEN_WITHIN.toSeconds() + " s; last"
                + " read " + last + "; target serves:\n" + target.render() + "prometheus log:\n" + prometheus.logTail());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
