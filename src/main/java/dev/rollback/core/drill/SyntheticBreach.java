package dev.rollback.core.drill;

import dev.rollback.config.MetricsConfig;
import dev.rollback.core.decision.Reading;

import java.util.function.UnaryOperator;

/**
 * A drill's stand-in for a real incident on a staging service without traffic: while armed (the drill version is
 * live, before the rollback starts), every hard signal with a maximum reads as twice that maximum, marked synthetic
 * so the decision, the journal and the report say so. Disarmed, readings pass through untouched: verification after
 * the rollback always reads the real metrics.
 */
public final class SyntheticBreach implements UnaryOperator<Reading> {

    private final MetricsConfig.Thresholds thresholds;
    private volatile boolean armed;

    public SyntheticBreach(MetricsConfig.Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public void arm() {
        armed = true;
    }

    public void disarm() {
        armed = false;
    }

    @Override
    public Reading apply(Reading reading) {
        Double max = thresholds.hardMax(reading.signal());
        if (!armed || !reading.signal().hard() || max == null) {
            return reading;
        }
        return Reading.synthetic(reading.signal(), reading.at(), max > 0 ? max * 2 : 1);
    }
}
