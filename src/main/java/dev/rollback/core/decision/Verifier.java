package dev.rollback.core.decision;

import dev.rollback.config.MetricsConfig;
import dev.rollback.core.Sleeper;
import dev.rollback.core.decision.Verification.SignalRecovery;
import dev.rollback.core.metrics.Signal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.rollback.core.decision.Numbers.format;

/**
 * After a rollback, watches the metrics until every signal is back within bounds at the same check, or the window
 * runs out. Bounds: a hard signal at most its maximum; a soft one at least the baseline's value less the tolerance
 * (or, without a baseline, the primary metric's minimum). A gap is neither recovered nor not: it is recorded and
 * the check cannot pass.
 */
public final class Verifier {

    private final MetricsReader reader;
    private final MetricsConfig.Thresholds thresholds;
    private final MetricsConfig.Verify settings;
    private final Clock clock;
    private final Sleeper sleeper;

    public Verifier(MetricsReader reader, MetricsConfig.Thresholds thresholds, MetricsConfig.Verify settings,
            Clock clock, Sleeper sleeper) {
        this.reader = reader;
        this.thresholds = thresholds;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** @param progress one line per check, for the operator */
    public Verification verify(Baseline baseline, Consumer<String> progress) throws InterruptedException {
        Map<Signal, Bound> bounds = bounds(baseline);
        Instant start = clock.instant();
        if (bounds.isEmpty()) {
            return Verification.skipped(start, "no signal has a bound to verify against: set metrics.thresholds, or "
                    + "designate a healthy baseline whose run logged the soft signals");
        }
        Map<Signal, Tracking> tracking = new LinkedHashMap<>();
        bounds.keySet().forEach(s -> tracking.put(s, new Tracking()));
        Instant deadline = start.plus(settings.window());
        while (true) {
            Instant now = clock.instant();
            boolean allWithin = true;
            List<String> line = new ArrayList<>();
            for (Reading r : reader.read(now)) {
                Bound bound = bounds.get(r.signal());
                if (bound == null) {
                    continue;
                }
                Tracking t = tracking.get(r.signal());
                if (r.isGap()) {
                    t.lastValue = null;
                    t.lastGap = r.gap();
                    allWithin = false;
                    line.add(r.signal().label() + " ? (" + r.gap() + ")");
                    continue;
                }
                t.lastValue = r.value();
                t.lastGap = null;
                boolean within = bound.holds(r.value());
                t.recoveredAt = within ? (t.recoveredAt == null ? now : t.recoveredAt) : null;
                allWithin &= within;
                line.add(r.signal().label() + " " + format(r.value()) + " " + bound.comparison + " "
                        + format(bound.value) + (within ? " ok" : " not yet"));
            }
            progress.accept("verify +" + dev.rollback.core.Words.duration(Duration.between(start, now)) + ": "
                    + String.join("; ", line));
            if (allWithin || !now.isBefore(deadline)) {
                return result(start, now, allWithin, bounds, tracking);
            }
            Duration left = Duration.between(now, deadline);
            sleeper.sleep(left.compareTo(settings.interval()) < 0 ? left : settings.interval());
        }
    }

    private Verification result(Instant start, Instant end, boolean passed, Map<Signal, Bound> bounds,
            Map<Signal, Tracking> tracking) {
        List<SignalRecovery> signals = new ArrayList<>();
        bounds.forEach((signal, b) -> {
            Tracking t = tracking.get(signal);
            signals.add(new SignalRecovery(signal, b.comparison, b.value, b.baseline, t.lastValue, t.lastGap,
                    t.recoveredAt, t.recoveredAt == null ? null : Duration.between(start, t.recoveredAt)));
        });
        return new Verification(start, end, settings.window(), settings.tolerancePercent(), passed, signals, null);
    }

    /** What each signal must reach to count as recovered. */
    Map<Signal, Bound> bounds(Baseline baseline) {
        Map<Signal, Bound> bounds = new LinkedHashMap<>();
        double keep = 1 - settings.tolerancePercent() / 100;
        for (Signal signal : reader.queries().keySet()) {
            Double base = baseline.values().get(signal);
            if (signal.hard()) {
                Double max = thresholds.hardMax(signal);
                if (max != null) {
                    bounds.put(signal, new Bound("<=", max, null));
                }
            } else if (base != null) {
                bounds.put(signal, new Bound(">=", base * keep, base));
            } else if (signal == Signal.PRIMARY_METRIC && thresholds.primaryMetricMin() != null) {
                bounds.put(signal, new Bound(">=", thresholds.primaryMetricMin(), null));
            }
        }
        return bounds;
    }

    record Bound(String comparison, double value, Double baseline) {
        boolean holds(double observed) {
            return "<=".equals(comparison) ? observed <= value : observed >= value;
        }
    }

    private static final class Tracking {
        Double lastValue;
        String lastGap;
        Instant recoveredAt;
    }
}
