package dev.rollback.core.candidates;

import dev.rollback.config.ServiceConfig;
import dev.rollback.core.Concurrently;
import dev.rollback.core.registry.ModelRegistry;
import dev.rollback.core.registry.RegistryException;
import dev.rollback.core.status.RegistryView;

import java.util.List;
import java.util.OptionalDouble;

/** Reads the registry, ranks targets, and fills in the primary metric of the ones shown. */
public final class CandidatesService {

    private CandidatesService() {
    }

    /** @param limit how many ranked candidates to keep (and fetch run metrics for) */
    public static Candidates candidates(ServiceConfig service, ModelRegistry registry, int limit) {
        Candidates all = CandidateRanker.rank(RegistryView.read(service, registry));
        List<Candidate> shown = all.ranked().subList(0, Math.min(limit, all.ranked().size()));
        String metric = service.model().primaryMetric();
        List<Candidate> withMetrics = metric == null ? shown : withPrimaryMetric(shown, metric, registry);
        return new Candidates(all.service(), all.modelName(), all.liveVersion(), metric, withMetrics,
                all.excluded());
    }

    /** One run lookup per candidate, all in flight at once: the slowest, not the sum. */
    private static List<Candidate> withPrimaryMetric(List<Candidate> shown, String metric, ModelRegistry registry) {
        return Concurrently.map(shown, 16, "run-metrics", c -> c.withPrimaryMetric(metricOf(c, metric, registry)));
    }

    private static OptionalDouble metricOf(Candidate c, String metric, ModelRegistry registry) {
        String runId = c.version().runId();
        if (runId == null || runId.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            Double value = registry.runMetrics(runId).get(metric);
            return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.NOT_FOUND) {
                return OptionalDouble.empty(); // a deleted run makes the metric unknown, not the candidate unsafe
            }
            throw e;
        }
    }
}
