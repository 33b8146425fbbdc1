package dev.rollback.core.decision;

import dev.rollback.config.MetricsConfig.Thresholds;
import dev.rollback.core.metrics.Signal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision framework's rules, which are pure arithmetic (the Prometheus side is tested on a real server). */
class DecisionRulesTest {

    static final Instant AT = Instant.parse("2026-11-23T02:13:00Z");
    static final Thresholds ALL = new Thresholds(500.0, 0.05, 0.8, 0.2, 30.0, 10.0);
    static final Baseline V5 = new Baseline("5", Map.of(Signal.DIVERSITY, 0.73, Signal.PRIMARY_METRIC, 0.40), List.of());

    private static Decision decide(Thresholds t, Baseline b, Reading... readings) {
        return DecisionRules.decide("recsys", AT, List.of(readings), t, b);
    }

    @Test
    void anyHardBreachWinsOverSoftOnes() {
        Decision d = decide(ALL, V5, Reading.value(Signal.P99_LATENCY, AT, 1.2),
                Reading.value(Signal.DIVERSITY, AT, 0.04));
        assertThat(d.verdict()).isEqualTo(Verdict.ROLLBACK_IMMEDIATELY);
        assertThat(d.reasons()).extracting(Reason::message).containsExactly("p99 latency 1.2 > 0.8 (max)",
                "prediction diversity 0.04 is 94.52% below the baseline's 0.73 (v5); allowed 30%");
    }

    @Test
    void valuesAtTheLimitDoNotBreach() {
        Decision d = decide(ALL, V5, Reading.value(Signal.ERROR_RATE, AT, 0.05),
                Reading.value(Signal.DIVERSITY, AT, 0.73 * 0.7), Reading.value(Signal.PRIMARY_METRIC, AT, 0.36));
        assertThat(d.verdict()).isEqualTo(Verdict.MONITOR);
        assertThat(d.reasons()).isEmpty();
    }

    @Test
    void thePrimaryMetricHasAFloorAndARegressionRule() {
        Decision regressed = decide(ALL, V5, Reading.value(Signal.PRIMARY_METRIC, AT, 0.35));
        assertThat(regressed.verdict()).isEqualTo(Verdict.INVESTIGATE_FIRST);
        assertThat(regressed.reasons()).extracting(Reason::rule).containsExactly("regression_from_baseline");
        Decision belowFloor = decide(ALL, V5, Reading.value(Signal.PRIMARY_METRIC, AT, 0.1));
        assertThat(belowFloor.reasons()).extracting(Reason::rule).containsExactly("min", "regression_from_baseline");
    }

    @Test
    void aGapIsNeverABreachAndIsSaid() {
        Decision d = decide(ALL, V5, Reading.gap(Signal.REVENUE_LOSS_PER_MINUTE, AT, "no data"));
        assertThat(d.verdict()).isEqualTo(Verdict.MONITOR);
        assertThat(d.notes()).containsExactly("revenue loss per minute: no data (a gap is not a breach)");
        assertThat(d.gaps()).hasSize(1);
    }

    @Test
    void rulesThatCannotBeCheckedAreNamedNotSkippedSilently() {
        Thresholds none = new Thresholds(null, null, null, null, 30.0, null);
        Decision d = decide(none, Baseline.none("no healthy baseline is designated"),
                Reading.value(Signal.ERROR_RATE, AT, 0.9), Reading.value(Signal.DIVERSITY, AT, 0.01));
        assertThat(d.verdict()).isEqualTo(Verdict.MONITOR);
        assertThat(d.notes()).containsExactly("no healthy baseline is designated",
                "error rate is read but no threshold applies to it (set metrics.thresholds.errorRate)",
                "prediction diversity is read but no threshold applies to it (no baseline value to compare with)");
    }

    @Test
    void severityFollowsTheSeedRule() {
        Reason revenue = new Reason(Signal.REVENUE_LOSS_PER_MINUTE, true, "max", 3000, 500, null, false, "");
        Reason errors = new Reason(Signal.ERROR_RATE, true, "max", 0.3, 0.05, null, false, "");
        Reason diversity = new Reason(Signal.DIVERSITY, false, "drop_from_baseline", 0.04, 0.51, 0.73, false, "");
        assertThat(Severity.of(List.of(diversity, errors, revenue))).isEqualTo(Severity.P1);
        assertThat(Severity.of(List.of(diversity, errors))).isEqualTo(Severity.P2);
        assertThat(Severity.of(List.of(diversity))).isEqualTo(Severity.P3);
    }
}
