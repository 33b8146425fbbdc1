package dev.rollback.core.decision;

import dev.rollback.core.metrics.Signal;

import java.util.List;

/** The incident's priority, by the seed incident's rule: revenue → P1, error rate or latency → P2, otherwise P3. */
public enum Severity {
    P1, P2, P3;

    public static Severity of(List<Reason> reasons) {
        if (reasons.stream().anyMatch(r -> r.signal() == Signal.REVENUE_LOSS_PER_MINUTE)) {
            return P1;
        }
        if (reasons.stream().anyMatch(r -> r.signal() == Signal.ERROR_RATE || r.signal() == Signal.P99_LATENCY)) {
            return P2;
        }
        return P3;
    }
}
