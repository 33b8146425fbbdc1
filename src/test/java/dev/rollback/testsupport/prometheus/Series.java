package dev.rollback.testsupport.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * One gauge series to backfill: a metric name, labels and timestamped samples, built from deterministic functions.
 * Samples are kept in time order with one per instant, as promtool needs (it silently drops out-of-order ones).
 *
 * <pre>{@code
 * Series.gauge("recsys_diversity", "service", "recsys")
 *       .every(Duration.ofMinutes(1), t.minute(0), t.minute(120), at -> at.isBefore(t.minute(60)) ? 0.73 : 0.04)
 *       .without(t.minute(70), t.minute(80));   // a scrape gap: no samples at all
 * }</pre>
 */
public final class Series {

    private final String name;
    private final Map<String, String> labels;
    private final NavigableMap<Instant, Double> samples = new TreeMap<>();

    private Series(String name, Map<String, String> labels) {
        this.name = name;
        this.labels = labels;
    }

    /** @param labelPairs name, value, name, value, ... */
    public static Series gauge(String name, String... labelPairs) {
        if (labelPairs.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs; got " + labelPairs.length + " strings");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        return new Series(name, Collections.unmodifiableMap(labels));
    }

    /** One sample (replaces one at the same instant). NaN, and the infinities, are real sample values. */
    public Series at(Instant at, double value) {
        samples.put(at, value);
        return this;
    }

    /** A sample every {@code step} from {@code from} (inclusive) to {@code until} (exclusive). */
    public Series every(Duration step, Instant from, Instant until, ToDoubleFunction<Instant> value) {
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive; got " + step);
        }
        for (Instant at = from; at.isBefore(until); at = at.plus(step)) {
            samples.put(at, value.applyAsDouble(at));
        }
        return this;
    }

    /** Drops the samples in [from, until): a gap, as when scrapes failed. */
    public Series without(Instant from, Instant until) {
        samples.subMap(from, true, until, false).clear();
        return this;
    }

    public String name() {
        return name;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public NavigableMap<Instant, Double> samples() {
        return Collections.unmodifiableNavigableMap(samples);
    }

    @Override
    public String toString() {
        return OpenMetricsWriter.seriesText(name, labels) + " (" + samples.size() + " samples)";
    }
}
