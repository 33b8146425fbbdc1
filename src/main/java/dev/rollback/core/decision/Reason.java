package dev.rollback.core.decision;

import dev.rollback.core.metrics.Signal;

/**
 * One breached threshold, with the numbers.
 *
 * @param rule      max | min | drop_from_baseline | regression_from_baseline
 * @param limit     the value the observed one crossed (for baseline rules: the baseline's value less the allowed drop)
 * @param baseline  the baseline version's run metric, for baseline rules; else null
 * @param message   for people: "error rate 0.12 > 0.05 (max)"
 */
public record Reason(Signal signal, boolean hard, String rule, double observed, double limit, Double baseline,
        boolean synthetic, String message) {
}
