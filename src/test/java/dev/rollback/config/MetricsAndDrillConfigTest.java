package dev.rollback.config;

import dev.rollback.core.metrics.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.rollback.config.ConfigFixtures.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsAndDrillConfigTest {

    @TempDir
    Path dir;

    private List<String> problems(String yaml) {
        try {
            ConfigFixtures.load(dir, yaml, Map.of());
            return List.of();
        } catch (ConfigException e) {
            return e.problems().stream().map(p -> p.path() + ": " + p.message()).toList();
        }
    }

    @Test
    void aFullMetricsSectionBindsWithItsDefaults() {
        RollbackConfig config = ConfigFixtures.load(dir, MINIMAL + """
                    metrics:
                      prometheus: https://ops.example.com/prometheus
                      authorizationEnv: PROM_AUTH
                      queries:
                        errorRate: sum(rate(errors[1m])) / sum(rate(requests[1m]))
                        diversity: recsys_diversity
                      thresholds:
                        errorRate: 0.05
                        diversityDropPercent: 30
                      watch:
                        interval: 10s
                        consecutive: 2
                        slackWebhookEnv: SLACK_WEBHOOK_URL
                """, Map.of());

        MetricsConfig m = config.services().get("recsys").metricsConfig();
        assertThat(m.url()).isEqualTo(URI.create("https://ops.example.com/prometheus"));
        assertThat(m.timeout()).isEqualTo(MetricsConfig.DEFAULT_TIMEOUT);
        assertThat(m.queries().keySet()).containsExactly(Signal.ERROR_RATE, Signal.DIVERSITY);
        assertThat(m.thresholds().hardMax(Signal.ERROR_RATE)).isEqualTo(0.05);
        assertThat(m.thresholds().hardMax(Signal.P99_LATENCY)).isNull();
        assertThat(m.runMetrics()).containsEntry(Signal.DIVERSITY, "diversity");
        assertThat(m.verify()).isEqualTo(MetricsConfig.Verify.DEFAULT);
        assertThat(m.watch()).isEqualTo(new MetricsConfig.Watch(Duration.ofSeconds(10), 2, "SLACK_WEBHOOK_URL", null));
    }

    @Test
    void everyMistakeIsNamedWithItsPath() {
        assertThat(problems(MINIMAL + """
                    metrics:
                      prometheus: http://user:secret@prom:9090
                      queries: {errorrate: x, diversity: ""}
                      thresholds: {errorRate: lots, diversityDropPercent: 150}
                      verify: {window: soon}
                      watch: {consecutive: 0}
                """)).containsExactlyInAnyOrder(
                "services.recsys.metrics.prometheus: credentials do not belong in the URL; name the variable holding "
                        + "the Authorization header value with authorizationEnv",
                "services.recsys.metrics.queries.errorrate: unknown key; did you mean 'errorRate'?",
                "services.recsys.metrics.queries.diversity: empty query; give the PromQL or remove the key",
                "services.recsys.metrics.queries: required: at least one of revenueLossPerMinute, errorRate, "
                        + "p99Latency, diversity, primaryMetric",
                "services.recsys.metrics.thresholds.errorRate: expected a number; got 'lots'",
                "services.recsys.metrics.thresholds.diversityDropPercent: expected a percentage above 0 and at most "
                        + "100; got 150",
                "services.recsys.metrics.verify.window: expected a positive duration like 30s, 500ms, 5m; got 'soon'",
                "services.recsys.metrics.watch.consecutive: expected a whole number of checks, 1 or more; got 0");
    }

    @Test
    void aMaximumThatAlwaysBreachesOrHasNoQueryIsRefused() {
        assertThat(problems(MINIMAL + """
                    metrics:
                      prometheus: http://prometheus:9090
                      queries: {errorRate: e}
                      thresholds: {errorRate: -0.05, p99Latency: 0.8}
                """)).containsExactlyInAnyOrder(
                "services.recsys.metrics.thresholds.errorRate: a maximum below 0 is breached by every reading (watch "
                        + "would roll back at once); got -0.05",
                "services.recsys.metrics.thresholds.p99Latency: set, but there is no query "
                        + "services.recsys.metrics.queries.p99Latency to compare it with");
    }

    @Test
    void aDrillSectionNeedsItsVersion() {
        assertThat(problems(MINIMAL + """
                    drill: {syntheticBreach: yes please, budget: 2m}
                """)).containsExactlyInAnyOrder(
                "services.recsys.drill.version: required: the version the drill deploys as the bad release",
                "services.recsys.drill.syntheticBreach: expected true or false; got 'yes please'");
        assertThatThrownBy(() -> ConfigFixtures.load(dir, MINIMAL + "    metrics: {queries: {errorRate: e}}\n",
                Map.of())).hasMessageContaining("metrics.prometheus: required");
    }
}
