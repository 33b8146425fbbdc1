package dev.rollback.core.decision;

import dev.rollback.core.metrics.MetricsException;
import dev.rollback.core.metrics.MetricsSource;
import dev.rollback.core.metrics.Signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;

/** Reads every configured signal at one instant; a failed query becomes a gap that says why, never a breach. */
public final class MetricsReader {

    private final MetricsSource source;
    private final Map<Signal, String> queries;
    private final UnaryOperator<Reading> override;

    /** @param queries in the order they are read and shown */
    public MetricsReader(MetricsSource source, Map<Signal, String> queries) {
        this(source, queries, UnaryOperator.identity());
    }

    private MetricsReader(MetricsSource source, Map<Signal, String> queries, UnaryOperator<Reading> override) {
        this.source = source;
        this.queries = queries;
        this.override = override;
    }

    /** The same reader with every reading passed through {@code override} (a drill's synthetic breach). */
    public MetricsReader withOverride(UnaryOperator<Reading> override) {
        return new MetricsReader(source, queries, override);
    }

    public List<Reading> read(Instant at) {
        List<Reading> readings = new ArrayList<>();
        queries.forEach((signal, query) -> readings.add(override.apply(readOne(signal, query, at))));
        return readings;
    }

    private Reading readOne(Signal signal, String query, Instant at) {
        try {
            OptionalDouble value = source.instant(query, at);
            return value.isPresent() ? Reading.value(signal, at, value.getAsDouble())
                    : Reading.gap(signal, at, "no data");
        } catch (MetricsException e) {
            return Reading.gap(signal, at, "query failed: " + e.getMessage());
        }
    }

    public String location() {
        return source.location();
    }

    public Map<Signal, String> queries() {
        return queries;
    }
}
