package dev.rollback.core.decision;

import dev.rollback.config.MetricsConfig;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.registry.ModelRegistry;
import dev.rollback.core.status.RegistryView;

import java.time.Instant;

/**
 * {@code rollback decide}: reads the service's signals at one instant, compares them with the thresholds and the
 * healthy baseline's run metrics, and says ROLLBACK_IMMEDIATELY, INVESTIGATE_FIRST or MONITOR with every reason.
 */
public final class DecisionService {

    private final ServiceConfig service;
    private final MetricsConfig config;
    private final MetricsReader reader;
    private final ModelRegistry registry;

    public DecisionService(ServiceConfig service, MetricsConfig config, MetricsReader reader, ModelRegistry registry) {
        this.service = service;
        this.config = config;
        this.reader = reader;
        this.registry = registry;
    }

    /** The healthy baseline's run metrics; read once per watch or drill, since they do not change while it runs. */
    public Baseline baseline() {
        return BaselineLoader.load(RegistryView.read(service, registry), registry, config.runMetrics());
    }

    public Decision decide(Instant at, Baseline baseline) {
        return DecisionRules.decide(service.name(), at, reader.read(at), config.thresholds(), baseline);
    }

    public MetricsReader reader() {
        return reader;
    }

    public MetricsConfig config() {
        return config;
    }
}
