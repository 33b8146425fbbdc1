package dev.rollback.core.metrics;

/**
 * What the decision framework looks at, each with the config key of its query and threshold. Hard signals
 * hurt users or revenue now (roll back at once); soft ones say the model got worse (look first).
 */
public enum Signal {
    REVENUE_LOSS_PER_MINUTE("revenueLossPerMinute", "revenue loss per minute", true),
    ERROR_RATE("errorRate", "error rate", true),
    P99_LATENCY("p99Latency", "p99 latency", true),
    DIVERSITY("diversity", "prediction diversity", false),
    PRIMARY_METRIC("primaryMetric", "primary metric", false);

    private final String key;
    private final String label;
    private final boolean hard;

    Signal(String key, String label, boolean hard) {
        this.key = key;
        this.label = label;
        this.hard = hard;
    }

    /** The key in rollback.yaml (metrics.queries.KEY) and in JSON output. */
    public String key() {
        return key;
    }

    /** For people: "error rate". */
    public String label() {
        return label;
    }

    /** Hard: above its maximum means users or revenue are hurt now. Soft: the model's quality dropped. */
    public boolean hard() {
        return hard;
    }

    public static java.util.Optional<Signal> byKey(String key) {
        for (Signal s : values()) {
            if (s.key.equals(key)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}
