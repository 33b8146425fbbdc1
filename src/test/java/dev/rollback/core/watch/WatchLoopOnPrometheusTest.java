package dev.rollback.core.watch;

import dev.rollback.adapters.metrics.prometheus.PrometheusMetricsSource;
import dev.rollback.config.ConfigLoader;
import dev.rollback.config.MetricsConfig;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.decision.Baseline;
import dev.rollback.core.decision.DecisionService;
import dev.rollback.core.decision.MetricsReader;
import dev.rollback.core.decision.Verdict;
import dev.rollback.core.metrics.Signal;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WatchLoop} on REAL Prometheus data: a Prometheus (Debian package) holding series this test backfills, read
 * through the real {@link PrometheusMetricsSource}, {@link MetricsReader} and {@link DecisionService}, with a
 * {@link ReplayClock} so thirty-second checks over minutes of data run in well under a second each.
 *
 * <p>The data, scraped every 15 s, times in minutes:seconds from the timeline's base (three hours ago):
 * <pre>
 * error rate   0.01, except 0.30 in [10:00, 10:30)                  one check long: must not trigger
 *                            0.30 in [35:00, 36:30)                  three checks: triggers once, at 36:00
 *                            0.30 in [55:00, 55:45) and [59:00, 60:30), NO samples in [55:45, 59:00)
 * diversity    0.73, except 0.04 in [80:00, 86:00)                   soft: alert once, clear once, never act
 * </pre>
 * Prometheus answers an instant query with the newest sample at most one lookback delta old; it is 20 s here, so a
 * check on a sample's instant sees that sample and a check 30 s into a scrape gap sees nothing: a gap.
 *
 * <p>The baseline is built by hand (diversity 0.73 as v5's run would hold): reading it from the registry is
 * {@link DecisionService#baseline()}'s job, covered by the decide tests against MLflow; the loop takes it as given.
 */
class WatchLoopOnPrometheusTest {

    static final Timeline T = Timeline.hoursAgo(3);
    static final Duration SCRAPE = Duration.ofSeconds(15);
    static final Baseline BASELINE = new Baseline("5", Map.of(Signal.DIVERSITY, 0.73), List.of());

    @TempDir
    static Path promDir;
    static PrometheusServer prometheus;

    @BeforeAll
    static void startPrometheus() {
        prometheus = PrometheusServer.builder(promDir)
                .lookbackDelta(Duration.ofSeconds(20))
                .backfill(
                        Series.gauge("recsys_error_rate", "service", "recsys")
                                .every(SCRAPE, T.minute(0), T.minute(120), at -> errorRate(at))
                                .without(T.minute(55, 45), T.minute(59)),
                        Series.gauge("recsys_p99_latency_seconds", "service", "recsys")
                                .every(SCRAPE, T.minute(0), T.minute(120), at -> 0.2)
                                .without(T.minute(100, 45), T.minute(103)),
                        Series.gauge("recsys_prediction_diversity", "service", "recsys")
                                .every(SCRAPE, T.minute(0), T.minute(120), at -> within(at, 80, 0, 86, 0) ? 0.04 : 0.73))
                .start();
    }

    @AfterAll
    static void stopPrometheus() {
        prometheus.close();
    }

    private static double errorRate(Instant at) {
        boolean spike = within(at, 10, 0, 10, 30) || within(at, 35, 0, 36, 30) || within(at, 55, 0, 55, 45)
                || within(at, 59, 0, 60, 30) || within(at, 100, 0, 100, 45);
        return spike ? 0.30 : 0.01;
    }

    private static boolean within(Instant at, int fromMinute, int fromSecond, int untilMinute, int untilSecond) {
        return !at.isBefore(T.minute(fromMinute, fromSecond)) && at.isBefore(T.minute(untilMinute, untilSecond));
    }

    @Test
    void aSpikeOneCheckLongIsOneBreachThenAResetAndNeverARollback() throws Exception {
        Watch watch = watch(T.minute(8), T.minute(14));

        assertThat(watch.trigger.calls).isEmpty();
        assertThat(watch.result.rolledBack()).isFalse();
        assertThat(watch.result.checks()).as("every 30 s from 08:00 until 14:00").isEqualTo(12);
        assertThat(watch.notable()).containsExactly(
                "10:00 HARD_BREACH 1/3 (ROLLBACK_IMMEDIATELY)",
                "10:30 STREAK_RESET 0/3 (MONITOR)");
        assertThat(watch.events.get(4).message()).contains("error rate 0.3 > 0.05 (max)");
    }

    @Test
    void aSpikeThreeChecksLongTriggersExactlyOnceAtTheThird() throws Exception {
        Watch watch = watch(T.minute(33), T.minute(45));

        assertThat(watch.notable()).containsExactly(
                "35:00 HARD_BREACH 1/3 (ROLLBACK_IMMEDIATELY)",
                "35:30 HARD_BREACH 2/3 (ROLLBACK_IMMEDIATELY)",
                "36:00 HARD_BREACH 3/3 (ROLLBACK_IMMEDIATELY)",
                "36:00 ROLLING_BACK 3/3 (ROLLBACK_IMMEDIATELY)");
        assertThat(watch.trigger.calls).hasSize(1);
        assertThat(watch.trigger.calls.get(0).at()).isEqualTo(T.minute(36));
        assertThat(watch.trigger.calls.get(0).firstBreachAt()).as("when the streak began").isEqualTo(T.minute(35));
        assertThat(watch.result.rolledBack()).isTrue();
        assertThat(watch.result.checks()).as("the loop ends with its rollback, long before 45:00").isEqualTo(7);
    }

    @Test
    void aScrapeGapInTheMiddleOfAStreakIsReportedNeitherCountedNorReset() throws Exception {
        Watch watch = watch(T.minute(53), T.minute(62));

        assertThat(watch.notable()).containsExactly(
                "55:00 HARD_BREACH 1/3 (ROLLBACK_IMMEDIATELY)",
                "55:30 HARD_BREACH 2/3 (ROLLBACK_IMMEDIATELY)",
                "56:00 GAP 2/3 (MONITOR)",
                "56:30 GAP 2/3 (MONITOR)",
                "57:00 GAP 2/3 (MONITOR)",
                "57:30 GAP 2/3 (MONITOR)",
                "58:00 GAP 2/3 (MONITOR)",
                "58:30 GAP 2/3 (MONITOR)",
                "59:00 HARD_BREACH 3/3 (ROLLBACK_IMMEDIATELY)",
                "59:00 ROLLING_BACK 3/3 (ROLLBACK_IMMEDIATELY)");
        assertThat(watch.events).filteredOn(e -> e.kind() == WatchEvent.Kind.GAP).allSatisfy(e ->
                assertThat(e.message()).contains("error rate no data").contains("not a breach, streak stays 2/3"));
        assertThat(watch.trigger.calls).singleElement().satisfies(d -> {
            assertThat(d.at()).isEqualTo(T.minute(59));
            assertThat(d.firstBreachAt()).isEqualTo(T.minute(55));
        });
    }

    @Test
    void anotherSignalsGapDoesNotKeepAStreakWhoseOwnSignalRecovered() throws Exception {
        Watch watch = watch(T.minute(99), T.minute(104));

        assertThat(watch.notable()).containsExactly(
                "100:00 HARD_BREACH 1/3 (ROLLBACK_IMMEDIATELY)",
                "100:30 HARD_BREACH 2/3 (ROLLBACK_IMMEDIATELY)",
                "101:00 STREAK_RESET 0/3 (MONITOR)",
                "101:30 GAP 0/3 (MONITOR)",
                "102:00 GAP 0/3 (MONITOR)",
                "102:30 GAP 0/3 (MONITOR)");
        assertThat(watch.trigger.calls).isEmpty();
        assertThat(watch.events).filteredOn(e -> e.kind() == WatchEvent.Kind.STREAK_RESET).singleElement()
                .extracting(WatchEvent::message).asString().contains("also: p99 latency no data");
    }

    @Test
    void aDiversityCollapseAlertsOnceAndClearsOnceAndNeverRollsBack() throws Exception {
        Watch watch = watch(T.minute(78), T.minute(90));

        assertThat(watch.notable()).containsExactly(
                "80:00 SOFT_ALERT 0/3 (INVESTIGATE_FIRST)",
                "86:00 SOFT_CLEARED 0/3 (MONITOR)");
        assertThat(watch.trigger.calls).isEmpty();
        assertThat(watch.result.checks()).isEqualTo(24);
        assertThat(watch.events).filteredOn(e -> e.kind() == WatchEvent.Kind.SOFT_ALERT).singleElement()
                .extracting(WatchEvent::message).asString()
                .contains("prediction diversity 0.04 is 94.52% below the baseline's 0.73 (v5); allowed 50%");
        long investigating = watch.events.stream().filter(e -> e.kind() == WatchEvent.Kind.OK)
                .filter(e -> e.decision().verdict() == Verdict.INVESTIGATE_FIRST).count();
        assertThat(investigating).as("every check from 80:00 to 85:30 says investigate; only the first alerts")
                .isEqualTo(12);
    }

    /** Watches from {@code start} until the replayed clock reaches {@code end} (or the loop rolls back). */
    private static Watch watch(Instant start, Instant end) throws InterruptedException {
        ServiceConfig service = ConfigLoader.parse(config(prometheus.uri().toString()), Path.of("watch-test.yaml"),
                Map.of()).services().get("recsys");
        MetricsConfig metrics = service.metricsConfig();
        MetricsReader reader = new MetricsReader(PrometheusMetricsSource.create(metrics, Map.of()),
                metrics.queries());
        DecisionService decisions = new DecisionService(service, metrics, reader, null);
        ReplayClock clock = new ReplayClock(start);
        Watch watch = new Watch();
        WatchLoop loop = new WatchLoop(decisions, BASELINE, metrics.watch().interval(), metrics.watch().consecutive(),
                clock, clock.sleeper(), watch.events::add, watch.trigger);
        watch.result = loop.run(() -> clock.instant().isBefore(end));
        return watch;
    }

    static String config(String prometheusUrl) {
        return """
                registries:
                  default:
                    trackingUri: http://mlflow.invalid:5000
                services:
                  recsys:
                    model:
                      name: homepage-recsys
                      primaryMetric: diversity
                    metrics:
                      prometheus: %s
                      queries:
                        errorRate: max(recsys_error_rate{service="recsys"})
                        p99Latency: max(recsys_p99_latency_seconds{service="recsys"})
                        diversity: avg(recsys_prediction_diversity{service="recsys"})
                      thresholds:
                        errorRate: 0.05
                        p99Latency: 1.0
                        diversityDropPercent: 50
                      watch:
                        interval: 30s
                        consecutive: 3
                """.formatted(prometheusUrl);
    }

    private static final class Watch {
        final List<WatchEvent> events = new ArrayList<>();
        final RecordingTrigger trigger = new RecordingTrigger();
        WatchLoop.Result result;

        /** Everything but the routine OK checks, as "mm:ss KIND streak/needed (verdict)" from the timeline's base. */
        List<String> notable() {
            return events.stream().filter(e -> e.kind() != WatchEvent.Kind.OK).map(e -> {
                long seconds = Duration.between(T.base(), e.decision().at()).toSeconds();
                return "%02d:%02d %s %d/%d (%s)".formatted(seconds / 60, seconds % 60, e.kind(), e.streak(),
                        e.needed(), e.decision().verdict());
            }).toList();
        }
    }
}
