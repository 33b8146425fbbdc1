package dev.rollback.core.report;

import java.time.Duration;
import java.util.List;

/**
 * Time to recover: the sum of the phases the journal recorded. {@code missing} names the ones it could not
 * include, because an MTTR without detection is shorter than the incident was and must say so.
 */
public record Mttr(Duration total, List<Phase.Name> covers, List<Phase.Name> missing) {

    public Mttr {
        covers = List.copyOf(covers);
        missing = List.copyOf(missing);
    }

    static Mttr of(List<Phase> phases) {
        Duration total = phases.stream().flatMap(p -> p.took().stream()).reduce(Duration.ZERO, Duration::plus);
        return new Mttr(total, phases.stream().filter(Phase::isRecorded).map(Phase::name).toList(),
                phases.stream().filter(p -> !p.isRecorded()).map(Phase::name).toList());
    }

    public boolean complete() {
        return missing.isEmpty();
    }
}
