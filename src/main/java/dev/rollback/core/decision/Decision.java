package dev.rollback.core.decision;

import java.time.Instant;
import java.util.List;

/**
 * What the decision framework concluded at one instant, with every reason and every reading it used.
 *
 * @param firstBreachAt when the breach that led here was first seen (watch and drill); null for a one-off decide
 * @param notes         rules that could not be checked (no baseline, no threshold) and gaps, said out loud
 */
public record Decision(String service, Instant at, Verdict verdict, List<Reason> reasons, List<Reading> readings,
        Baseline baseline, Instant firstBreachAt, List<String> notes) {

    public Decision {
        reasons = List.copyOf(reasons);
        readings = List.copyOf(readings);
        notes = List.copyOf(notes);
    }

    public List<Reading> gaps() {
        return readings.stream().filter(Reading::isGap).toList();
    }

    public boolean synthetic() {
        return readings.stream().anyMatch(Reading::synthetic);
    }

    public Decision withFirstBreachAt(Instant first) {
        return new Decision(service, at, verdict, reasons, readings, baseline, first, notes);
    }
}
