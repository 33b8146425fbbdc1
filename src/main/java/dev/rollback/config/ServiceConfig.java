package dev.rollback.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One service that can be rolled back. {@code registry} is always resolved to a defined registry name.
 * serving/features/ci/metrics/drill are kept as plain maps, checked at load and bound on use
 * ({@link #servingConfig()} ...); empty when absent.
 */
public record ServiceConfig(String name, String registry, ModelConfig model, LiveConfig live, BaselineConfig baseline,
                            Map<String, Object> serving, Map<String, Object> features, Map<String, Object> ci,
                            Map<String, Object> metrics, Map<String, Object> drill) {
    public ServiceConfig {
        serving = frozen(serving);
        features = frozen(features);
        ci = frozen(ci);
        metrics = frozen(metrics);
        drill = frozen(drill);
    }

    /** The validated serving section, or null when the service has none (registry-only rollbacks). */
    public ServingConfig servingConfig() {
        return ServingConfig.from(null, "services." + name + ".serving", serving, new java.util.ArrayList<>());
    }

    /** The validated features section, or null when the service has none. Relative paths are left relative. */
    public FeaturesConfig featuresConfig() {
        return FeaturesConfig.from(null, "services." + name + ".features", features, new java.util.ArrayList<>());
    }

    /** The validated ci section, or null when the service has none. Relative paths are left relative. */
    public CiConfig ciConfig() {
        return CiConfig.from(null, "services." + name + ".ci", ci, new java.util.ArrayList<>());
    }

    /** The validated metrics section, or null when the service has none. */
    public MetricsConfig metricsConfig() {
        return MetricsConfig.from(null, "services." + name + ".metrics", metrics,
                model == null ? null : model.primaryMetric(), new java.util.ArrayList<>());
    }

    /** The validated drill section, or null when the service cannot be drilled. */
    public DrillConfig drillConfig() {
        return DrillConfig.from(null, "services." + name + ".drill", drill, new java.util.ArrayList<>());
    }

    private static Map<String, Object> frozen(Map<String, Object> map) {
        // LinkedHashMap rather than Map.copyOf: keeps file order and tolerates YAML nulls.
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
