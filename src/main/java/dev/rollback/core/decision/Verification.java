package dev.rollback.core.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Whether the service recovered after a rollback, signal by signal, and how long it took.
 *
 * @param passed  every signal with a bound was within it at the same check before the window ran out
 * @param skipped why it did not run (--no-verify) or stopped early (interrupted); null when it ran its course
 */
public record Verification(Instant startedAt, Instant endedAt, Duration window, double tolerancePercent,
        boolean passed, List<SignalRecovery> signals, String skipped) {

    public Verification {
        signals = List.copyOf(signals);
    }

    public static Verification skipped(Instant at, String why) {
        return new Verification(at, at, Duration.ZERO, 0, true, List.of(), why);
    }

    /** Stopped (SIGTERM, Ctrl-C) before it could tell: not a pass. */
    public static Verification interrupted(Instant at) {
        return new Verification(at, at, Duration.ZERO, 0, false, List.of(), "interrupted before the window ended");
    }

    /** The metrics could not be read or the baseline not loaded: not a pass, and the reason is kept. */
    public static Verification couldNotRun(Instant at, String why) {
        return new Verification(at, at, Duration.ZERO, 0, false, List.of(), "could not verify: " + why);
    }

    public Duration took() {
        return Duration.between(startedAt, endedAt);
    }

    /**
     * One signal's recovery.
     *
     * @param comparison  "<=" for hard signals (at most their maximum), ">=" for soft ones (at least the baseline
     *                    less the tolerance, or the minimum)
     * @param bound       the value it had to reach
     * @param baseline    the baseline's value it was compared with, for soft signals; else null
     * @param lastValue   the last value read; null when the last read was a gap
     * @param recoveredAt when it got (and stayed) within the bound; null when it did not
     */
    public record SignalRecovery(dev.rollback.core.metrics.Signal signal, String comparison, double bound,
            Double baseline, Double lastValue, String lastGap, Instant recoveredAt, Duration took) {

        public boolean recovered() {
            return recoveredAt != null;
        }
    }
}
