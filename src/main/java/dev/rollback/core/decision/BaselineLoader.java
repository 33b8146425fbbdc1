package dev.rollback.core.decision;

import dev.rollback.core.AuditTags;
import dev.rollback.core.metrics.Signal;
import dev.rollback.core.registry.ModelRegistry;
import dev.rollback.core.registry.ModelVersion;
import dev.rollback.core.status.RegistryView;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The baseline the soft signals are compared with: the run metrics of the newest version tagged healthy baseline
 * (the one {@code rollback model --to healthy-baseline} picks while it is not live), so the decision, the rollback
 * and the verification after it agree on what "healthy" means.
 */
public final class BaselineLoader {

    private BaselineLoader() {
    }

    /** @param runMetrics the run metric name per soft signal (metrics.runMetrics) */
    public static Baseline load(RegistryView view, ModelRegistry registry, Map<Signal, String> runMetrics) {
        // The newest version tagged healthy that was never rolled back from: the one `--to healthy-baseline` picks,
        // and still the baseline once it is live again (verification runs after the rollback made it live).
        Optional<ModelVersion> baseline = view.healthyBaselines().stream()
                .filter(v -> !v.hasTag(AuditTags.ROLE, AuditTags.ROLE_ROLLED_BACK_FROM)).findFirst();
        if (baseline.isEmpty()) {
            return Baseline.none("no healthy baseline is designated for " + view.service().name()
                    + ", so the baseline rules were not checked (run 'rollback prepare' in CI before promotions)");
        }
        ModelVersion version = baseline.get();
        if (version.runId() == null || version.runId().isBlank()) {
            return new Baseline(version.version(), Map.of(), List.of("the baseline v" + version.version()
                    + " has no run, so it has no metrics to compare with"));
        }
        Map<String, Double> logged = registry.runMetrics(version.runId());
        Map<Signal, Double> values = new EnumMap<>(Signal.class);
        List<String> notes = new ArrayList<>();
        runMetrics.forEach((signal, metric) -> {
            Double value = logged.get(metric);
            if (value == null) {
                notes.add("the baseline v" + version.version() + "'s run has no metric '" + metric + "' for "
                        + signal.label());
            } else {
                values.put(signal, value);
            }
        });
        return new Baseline(version.version(), values, notes);
    }
}
