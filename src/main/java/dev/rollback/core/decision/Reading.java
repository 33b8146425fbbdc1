package dev.rollback.core.decision;

import dev.rollback.core.metrics.Signal;

import java.time.Instant;

/**
 * One signal's value at one instant, or why there is none. A gap is never a breach and never a recovery:
 * it is reported as what it is.
 *
 * @param value null for a gap
 * @param gap   null when there is a value: "no data", or the query error
 * @param synthetic true when the value was injected by a drill, not read from the metrics source
 */
public record Reading(Signal signal, Instant at, Double value, String gap, boolean synthetic) {

    public static Reading value(Signal signal, Instant at, double value) {
        return new Reading(signal, at, value, null, false);
    }

    public static Reading gap(Signal signal, Instant at, String why) {
        return new Reading(signal, at, null, why, false);
    }

    public static Reading synthetic(Signal signal, Instant at, double value) {
        return new Reading(signal, at, value, null, true);
    }

    public boolean isGap() {
        return value == null;
    }
}
