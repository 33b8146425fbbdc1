package dev.rollback.core.decision;

import dev.rollback.config.MetricsConfig.Thresholds;
import dev.rollback.core.metrics.Signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static dev.rollback.core.decision.Numbers.format;

/**
 * The decision framework, as a pure function of readings, thresholds and the baseline. Hard triggers (revenue
 * loss per minute, error rate, p99 latency above their maximum) → ROLLBACK_IMMEDIATELY; soft triggers (primary
 * metric below its minimum, diversity down more than X % from the baseline's, primary metric down more than Y %
 * from the baseline's) → INVESTIGATE_FIRST; otherwise MONITOR. A gap is never a breach.
 */
public final class DecisionRules {

    /** A value exactly at the allowed drop is not a breach, whatever the float arithmetic says. */
    private static final double EPSILON_PERCENT = 1e-9;

    private DecisionRules() {
    }

    public static Decision decide(String service, Instant at, Collection<Reading> readings, Thresholds thresholds,
            Baseline baseline) {
        List<Reason> reasons = new ArrayList<>();
        List<String> notes = new ArrayList<>(baseline.notes());
        for (Reading r : readings) {
            if (r.isGap()) {
                notes.add(r.signal().label() + ": " + r.gap() + " (a gap is not a breach)");
                continue;
            }
            int before = reasons.size();
            boolean checked = check(r, thresholds, baseline, reasons);
            if (!checked) {
                notes.add(r.signal().label() + " is read but no threshold applies to it" + missingThreshold(r.signal(),
                        baseline));
            } else if (reasons.size() == before && r.synthetic()) {
                notes.add(r.signal().label() + " " + format(r.value()) + " is synthetic (drill)");
            }
        }
        Verdict verdict = reasons.stream().anyMatch(Reason::hard) ? Verdict.ROLLBACK_IMMEDIATELY
                : reasons.isEmpty() ? Verdict.MONITOR : Verdict.INVESTIGATE_FIRST;
        return new Decision(service, at, verdict, reasons, List.copyOf(readings), baseline, null, notes);
    }

    /** Adds the reading's breaches; false when no rule could be checked for it. */
    private static boolean check(Reading r, Thresholds t, Baseline baseline, List<Reason> reasons) {
        double value = r.value();
        Signal signal = r.signal();
        if (signal.hard()) {
            Double max = t.hardMax(signal);
            if (max == null) {
                return false;
            }
            if (value > max) {
                reasons.add(new Reason(signal, true, "max", value, max, null, r.synthetic(), signal.label() + " "
                        + format(value) + " > " + format(max) + " (max)" + syntheticSuffix(r)));
            }
            return true;
        }
        boolean checked = false;
        Double base = baseline.values().get(signal);
        if (signal == Signal.PRIMARY_METRIC && t.primaryMetricMin() != null) {
            checked = true;
            if (value < t.primaryMetricMin()) {
                reasons.add(new Reason(signal, false, "min", value, t.primaryMetricMin(), null, r.synthetic(),
                        signal.label() + " " + format(value) + " < " + format(t.primaryMetricMin()) + " (min)"
                                + syntheticSuffix(r)));
            }
        }
        Double percent = signal == Signal.DIVERSITY ? t.diversityDropPercent() : t.regressionPercent();
        if (percent != null && base != null && base > 0) {
            checked = true;
            double limit = base * (1 - percent / 100);
            double drop = (base - value) / base * 100;
            if (drop > percent + EPSILON_PERCENT) {
                String rule = signal == Signal.DIVERSITY ? "drop_from_baseline" : "regression_from_baseline";
                reasons.add(new Reason(signal, false, rule, value, limit, base, r.synthetic(), signal.label() + " "
                        + format(value) + " is " + format(drop) + "% below the baseline's " + format(base) + " (v"
                        + baseline.version() + "); allowed " + format(percent) + "%" + syntheticSuffix(r)));
            }
        }
        return checked;
    }

    private static String missingThreshold(Signal signal, Baseline baseline) {
        return switch (signal) {
            case REVENUE_LOSS_PER_MINUTE, ERROR_RATE, P99_LATENCY -> " (set metrics.thresholds." + signal.key() + ")";
            case DIVERSITY -> baseline.values().containsKey(signal)
                    ? " (set metrics.thresholds.diversityDropPercent)" : " (no baseline value to compare with)";
            case PRIMARY_METRIC -> " (set metrics.thresholds.primaryMetricMin, or regressionPercent with a baseline)";
        };
    }

    private static String syntheticSuffix(Reading r) {
        return r.synthetic() ? " [synthetic, injected by the drill]" : "";
    }
}
