package dev.rollback.cli;

import dev.rollback.adapters.metrics.prometheus.PrometheusMetricsSource;
import dev.rollback.config.MetricsConfig;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.decision.DecisionService;
import dev.rollback.core.decision.MetricsReader;

/** The metrics side of one service: its Prometheus source, reader and decision service, built only when asked. */
final class MetricsWiring {

    private MetricsWiring() {
    }

    /** True when the service has a metrics section (verification runs after its rollbacks). */
    static boolean configured(ServiceConfig service) {
        return !service.metrics().isEmpty();
    }

    static DecisionService decisions(CliContext ctx, ServiceConfig service) {
        MetricsConfig metrics = service.metricsConfig();
        if (metrics == null) {
            throw new CliException(ExitCode.CONFIG, "service " + service.name() + " has no metrics section in "
                    + "rollback.yaml, so there is nothing to decide or verify with; add one (README: Configuration, "
                    + "services.<name>.metrics)");
        }
        PrometheusMetricsSource source = PrometheusMetricsSource.create(metrics, ctx.env());
        ctx.roundTrips().track("prometheus", source);
        return new DecisionService(service, metrics, new MetricsReader(source, metrics.queries()),
                ctx.registryFor(service));
    }
}
