package dev.rollback.adapters.metrics.prometheus;

import dev.rollback.config.MetricsConfig;
import dev.rollback.core.metrics.Signal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The {@code metrics} config a test needs: where Prometheus is, where the Authorization value is, the timeout. */
final class MetricsConfigs {

    private MetricsConfigs() {
    }

    static MetricsConfig config(URI url, String authorizationEnv, Path authorizationFile, Duration timeout) {
        return new MetricsConfig(url, authorizationEnv, authorizationFile, timeout,
                Map.of(Signal.DIVERSITY, "recsys_diversity"),
                new MetricsConfig.Thresholds(null, null, null, null, null, null), Map.of(), MetricsConfig.Verify.DEFAULT,
                new MetricsConfig.Watch(MetricsConfig.Watch.DEFAULT_INTERVAL, MetricsConfig.Watch.DEFAULT_CONSECUTIVE,
                        null, null));
    }

    /** An open Prometheus at {@code url} with the default timeout. */
    static PrometheusMetricsSource open(URI url) {
        return PrometheusMetricsSource.create(config(url, null, null, MetricsConfig.DEFAULT_TIMEOUT), Map.of());
    }
}
