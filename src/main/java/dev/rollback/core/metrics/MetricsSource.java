package dev.rollback.core.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Where service metrics are read (Prometheus's HTTP API). A query must yield one number: a scalar or a
 * single series. Implementations throw {@link MetricsException} for errors and never put a credential in a
 * message.
 */
public interface MetricsSource {

    /** Where it lives, for messages (the base URL without credentials). */
    String location();

    /** The query's value at {@code at}; empty when there is no data then (a gap, or NaN: no traffic). */
    OptionalDouble instant(String query, Instant at);

    /** The query's values from start to end every step; points with no data are absent. */
    List<Point> range(String query, Instant start, Instant end, Duration step);

    /** One value of a range query. */
    record Point(Instant at, double value) {
    }
}
