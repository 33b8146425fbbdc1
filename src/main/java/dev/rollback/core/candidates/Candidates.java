package dev.rollback.core.candidates;

import java.util.List;
import java.util.Optional;

/** Ranked rollback targets for one service, and the versions left out. */
public record Candidates(String service, String modelName, Optional<String> liveVersion, String primaryMetricName,
        List<Candidate> ranked, List<Exclusion> excluded) {

    public Optional<Candidate> best() {
        return ranked.stream().findFirst();
    }
}
