package dev.rollback.core.decision;

import dev.rollback.core.metrics.Signal;

import java.util.List;
import java.util.Map;

/**
 * The healthy-baseline version's run metrics, the reference the soft signals are compared with.
 *
 * @param version null when no healthy baseline is designated
 * @param values  the soft signals whose run metric was found
 * @param notes   what is missing and why ("run 4f2a has no metric ndcg"), so a skipped rule is said out loud
 */
public record Baseline(String version, Map<Signal, Double> values, List<String> notes) {

    public Baseline {
        values = Map.copyOf(values);
        notes = List.copyOf(notes);
    }

    public static Baseline none(String why) {
        return new Baseline(null, Map.of(), List.of(why));
    }
}
