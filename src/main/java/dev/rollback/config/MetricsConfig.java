package dev.rollback.config;

import dev.rollback.core.metrics.Signal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.rollback.config.SectionMaps.string;
import static dev.rollback.config.SectionMaps.unknownKeys;

/**
 * The typed view of {@code services.<name>.metrics}: where the service's metrics are (Prometheus), the query of
 * each signal, the thresholds of the decision framework, which registry run metrics are the baseline, and how
 * verification and {@code watch} poll. The authorization header's value never appears here, only where to read it.
 *
 * @param queries       PromQL per signal; any subset of {@link Signal}, iterated in Signal order
 * @param runMetrics    the registry run metric holding each soft signal's baseline value (diversity,
 *                      primaryMetric); primaryMetric defaults to {@code model.primaryMetric}
 */
public record MetricsConfig(URI url, String authorizationEnv, Path authorizationFile, Duration timeout,
        Map<Signal, String> queries, Thresholds thresholds, Map<Signal, String> runMetrics, Verify verify, Watch watch) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final Set<String> KEYS = new TreeSet<>(Set.of("prometheus", "authorizationEnv", "authorizationFile",
            "timeout", "queries", "thresholds", "runMetrics", "verify", "watch"));
    private static final Set<String> THRESHOLD_KEYS = new TreeSet<>(Set.of("revenueLossPerMinute", "errorRate",
            "p99Latency", "primaryMetricMin", "diversityDropPercent", "regressionPercent"));
    private static final Set<String> RUN_METRIC_KEYS = new TreeSet<>(Set.of("diversity", "primaryMetric"));
    private static final Set<String> VERIFY_KEYS = new TreeSet<>(Set.of("window", "interval", "tolerancePercent"));
    private static final Set<String> WATCH_KEYS = new TreeSet<>(Set.of("interval", "consecutive", "slackWebhookEnv",
            "slackWebhookFile"));

    public MetricsConfig {
        queries = inSignalOrder(queries);
        runMetrics = inSignalOrder(runMetrics);
    }

    /** An unmodifiable copy iterating in {@link Signal} order, the order readings are taken and shown in. */
    private static Map<Signal, String> inSignalOrder(Map<Signal, String> map) {
        EnumMap<Signal, String> ordered = new EnumMap<>(Signal.class);
        ordered.putAll(map);
        return Collections.unmodifiableMap(ordered);
    }

    /**
     * The decision framework's numbers; null = not checked. Hard maxima: above → ROLLBACK_IMMEDIATELY. Soft:
     * primary metric below its minimum, diversity down more than diversityDropPercent from the baseline's, or
     * the primary metric down more than regressionPercent from the baseline's → INVESTIGATE_FIRST.
     */
    public record Thresholds(Double revenueLossPerMinute, Double errorRate, Double p99Latency, Double primaryMetricMin,
            Double diversityDropPercent, Double regressionPercent) {

        /** The maximum of a hard signal; null when not set. */
        public Double hardMax(Signal signal) {
            return switch (signal) {
                case REVENUE_LOSS_PER_MINUTE -> revenueLossPerMinute;
                case ERROR_RATE -> errorRate;
                case P99_LATENCY -> p99Latency;
                default -> null;
            };
        }
    }

    /** After a rollback: poll every interval for at most window; recovered = within tolerancePercent of the baseline. */
    public record Verify(Duration window, Duration interval, double tolerancePercent) {
        public static final Verify DEFAULT = new Verify(Duration.ofMinutes(5), Duration.ofSeconds(15), 10);
    }

    /** {@code rollback watch}: poll every interval; roll back after consecutive hard breaches in a row. */
    public record Watch(Duration interval, int consecutive, String slackWebhookEnv, Path slackWebhookFile) {
        public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
        public static final int DEFAULT_CONSECUTIVE = 3;
    }

    /** Validates and binds one service's metrics map; problems are added to {@code problems}. */
    static MetricsConfig from(Path file, String path, Map<String, Object> map, String primaryMetric,
            List<ConfigProblem> problems) {
        if (map.isEmpty()) {
            return null;
        }
        unknownKeys(file, path, map, KEYS, problems);
        URI url = null;
        String prometheus = string(map, "prometheus", null);
        if (prometheus == null) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".prometheus", "required: the Prometheus base URL, like "
                    + "http://prometheus.monitoring:9090"));
        } else {
            url = SectionMaps.httpUrl(file, path + ".prometheus", prometheus, problems,
                    "name the variable holding the Authorization header value with authorizationEnv");
        }
        Map<Signal, String> queries = new EnumMap<>(Signal.class);
        Map<String, Object> queryMap = SectionMaps.map(file, path + ".queries", map.get("queries"), problems);
        unknownKeys(file, path + ".queries", queryMap, signalKeys(), problems);
        queryMap.forEach((key, value) -> Signal.byKey(key).ifPresent(s -> {
            String q = value == null ? "" : value.toString().strip();
            if (q.isEmpty()) {
                problems.add(new ConfigProblem(file, 0, 0, path + ".queries." + key, "empty query; give the PromQL "
                        + "or remove the key"));
            } else {
                queries.put(s, q);
            }
        }));
        if (queries.isEmpty()) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".queries", "required: at least one of "
                    + String.join(", ", signalKeys())));
        }
        Map<String, Object> t = SectionMaps.map(file, path + ".thresholds", map.get("thresholds"), problems);
        unknownKeys(file, path + ".thresholds", t, THRESHOLD_KEYS, problems);
        String tp = path + ".thresholds";
        Thresholds thresholds = new Thresholds(
                SectionMaps.number(file, tp, t, "revenueLossPerMinute", problems),
                SectionMaps.number(file, tp, t, "errorRate", problems),
                SectionMaps.number(file, tp, t, "p99Latency", problems),
                SectionMaps.number(file, tp, t, "primaryMetricMin", problems),
                percent(file, tp, t, "diversityDropPercent", problems),
                percent(file, tp, t, "regressionPercent", problems));
        for (Signal s : Signal.values()) {
            Double max = thresholds.hardMax(s);
            if (max != null && max < 0) {
                problems.add(new ConfigProblem(file, 0, 0, tp + "." + s.key(), "a maximum below 0 is breached by "
                        + "every reading (watch would roll back at once); got " + max));
            }
            if (max != null && !queries.containsKey(s) && !queryMap.containsKey(s.key())) {
                problems.add(new ConfigProblem(file, 0, 0, tp + "." + s.key(), "set, but there is no query "
                        + path + ".queries." + s.key() + " to compare it with"));
            }
        }
        Map<String, Object> rm = SectionMaps.map(file, path + ".runMetrics", map.get("runMetrics"), problems);
        unknownKeys(file, path + ".runMetrics", rm, RUN_METRIC_KEYS, problems);
        Map<Signal, String> runMetrics = new EnumMap<>(Signal.class);
        runMetrics.put(Signal.DIVERSITY, string(rm, "diversity", "diversity"));
        String primary = string(rm, "primaryMetric", primaryMetric);
        if (primary != null) {
            runMetrics.put(Signal.PRIMARY_METRIC, primary);
        }
        Map<String, Object> v = SectionMaps.map(file, path + ".verify", map.get("verify"), problems);
        unknownKeys(file, path + ".verify", v, VERIFY_KEYS, problems);
        Double tolerance = percent(file, path + ".verify", v, "tolerancePercent", problems);
        Verify verify = new Verify(
                SectionMaps.duration(file, path + ".verify", v, "window", Verify.DEFAULT.window(), problems),
                SectionMaps.duration(file, path + ".verify", v, "interval", Verify.DEFAULT.interval(), problems),
                tolerance == null ? Verify.DEFAULT.tolerancePercent() : tolerance);
        Map<String, Object> w = SectionMaps.map(file, path + ".watch", map.get("watch"), problems);
        unknownKeys(file, path + ".watch", w, WATCH_KEYS, problems);
        Double consecutive = SectionMaps.number(file, path + ".watch", w, "consecutive", problems);
        if (consecutive != null && (consecutive < 1 || consecutive != Math.floor(consecutive))) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".watch.consecutive", "expected a whole number of "
                    + "checks, 1 or more; got " + w.get("consecutive")));
        }
        Watch watch = new Watch(
                SectionMaps.duration(file, path + ".watch", w, "interval", Watch.DEFAULT_INTERVAL, problems),
                consecutive == null ? Watch.DEFAULT_CONSECUTIVE : consecutive.intValue(),
                string(w, "slackWebhookEnv", null), SectionMaps.path(file, string(w, "slackWebhookFile", null)));
        return new MetricsConfig(url, string(map, "authorizationEnv", null),
                SectionMaps.path(file, string(map, "authorizationFile", null)),
                SectionMaps.duration(file, path, map, "timeout", DEFAULT_TIMEOUT, problems), queries, thresholds,
                runMetrics, verify, watch);
    }

    private static Double percent(Path file, String path, Map<String, Object> map, String key,
            List<ConfigProblem> problems) {
        Double value = SectionMaps.number(file, path, map, key, problems);
        if (value != null && (value <= 0 || value > 100)) {
            problems.add(new ConfigProblem(file, 0, 0, path + "." + key, "expected a percentage above 0 and at most "
                    + "100; got " + map.get(key)));
            return null;
        }
        return value;
    }

    private static Set<String> signalKeys() {
        Set<String> keys = new java.util.LinkedHashSet<>();
        for (Signal s : Signal.values()) {
            keys.add(s.key());
        }
        return keys;
    }
}
