package dev.rollback.core.decision;

import dev.rollback.core.candidates.Candidate;
import dev.rollback.core.candidates.CandidateRanker;
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
 * The baseline the soft signals are compared with: the run metrics of the version {@code rollback model --to
 * healthy-baseline} would pick, so the decision and the rollback agree on what "healthy" means.
 */
public final class BaselineLoader {

    private BaselineLoader() {
    }

    /** @param runMetrics the run metric name per soft signal (metrics.runMetrics) */
    public static Baseline load(RegistryView view, ModelRegistry registry, Map<Signal, String> runMetrics) {
        Optional<ModelVersion> baseline = CandidateRanker.rank(view).ranked().stream()
                .filter(c -> c.tier() == Candidate.Tier.HEALTHY_BASELINE).map(Candidate::version).findFirst();
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
