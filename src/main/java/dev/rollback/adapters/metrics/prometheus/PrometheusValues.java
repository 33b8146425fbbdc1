package dev.rollback.adapters.metrics.prometheus;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * The API's number formats. Prometheus keeps milliseconds, so times and steps go out as seconds with three
 * decimals ("1795442940.500"); BigDecimal keeps that exact where a double would not. Sample values come back as
 * strings because JSON has no NaN or infinity.
 */
final class PrometheusValues {

    private PrometheusValues() {
    }

    /** Unix seconds with milliseconds: the {@code time}, {@code start} and {@code end} parameters. */
    static String seconds(Instant at) {
        return BigDecimal.valueOf(at.toEpochMilli(), 3).toPlainString();
    }

    /** A duration in seconds with milliseconds: {@code step} (the API also takes float seconds for {@code timeout}). */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).toPlainString();
    }

    /** A sample's time, as the API writes it: a JSON number of unix seconds, possibly with a fraction. */
    static Instant instant(BigDecimal unixSeconds) {
        return Instant.ofEpochMilli(unixSeconds.movePointRight(3).longValue());
    }

    /**
     * A sample value; empty for NaN, which in a ratio means "no traffic" (0/0), not a reading. Infinities are kept:
     * x/0 with x above 0 is a real, alarming value.
     *
     * @throws NumberFormatException when the text is not a number at all (not the API's answer)
     */
    static OptionalDouble value(String text) {
        switch (text) {
            case "NaN":
                return OptionalDouble.empty();
            case "+Inf":
            case "Inf":
                return OptionalDouble.of(Double.POSITIVE_INFINITY);
            case "-Inf":
                return OptionalDouble.of(Double.NEGATIVE_INFINITY);
            default:
                double v = Double.parseDouble(text);
                return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
        }
    }
}
