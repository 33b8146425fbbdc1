package dev.rollback.adapters.metrics.prometheus;

import dev.rollback.testsupport.prometheus.PrometheusServer;
import dev.rollback.testsupport.prometheus.Series;
import dev.rollback.testsupport.prometheus.Timeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why the harness sets {@code --query.lookback-delta}: an instant query sees the latest sample up to one lookback
 * delta old, so Prometheus's default 5 minutes hides a 10-minute scrape gap for its first 5 minutes. With the
 * harness's 1 minute the same gap is visible a minute after the last sample.
 */
class PrometheusLookbackTest {

    private static final Timeline T = Timeline.hoursAgo(3);
    private static final Series WITH_GAP = Series.gauge("recsys_diversity")
            .every(Duration.ofMinutes(1), T.minute(0), T.minute(30), at -> 0.73)
            .without(T.minute(10), T.minute(20)); // last sample before the gap: minute 9

    @Test
    void theDefaultFiveMinutesHideAShortGap(@TempDir Path dir) {
        try (PrometheusServer prometheus = PrometheusServer.builder(dir).backfill(WITH_GAP)
                .lookbackDelta(Duration.ofMinutes(5)).start()) {
            PrometheusMetricsSource source = MetricsConfigs.open(prometheus.uri());
            assertThat(source.instant("recsys_diversity", T.minute(13, 30))).as("4.5 min into the gap").hasValue(0.73);
            assertThat(source.instant("recsys_diversity", T.minute(14, 30))).as("5.5 min into the gap").isEmpty();
        }
    }

    @Test
    void theHarnessOneMinuteShowsIt(@TempDir Path dir) {
        try (PrometheusServer prometheus = PrometheusServer.builder(dir).backfill(WITH_GAP).start()) {
            PrometheusMetricsSource source = MetricsConfigs.open(prometheus.uri());
            assertThat(source.instant("recsys_diversity", T.minute(9, 30))).hasValue(0.73);
            assertThat(source.instant("recsys_diversity", T.minute(10, 30))).as("1.5 min after the last sample").isEmpty();
            assertThat(source.instant("recsys_diversity", T.minute(13, 30))).isEmpty();
        }
    }
}
