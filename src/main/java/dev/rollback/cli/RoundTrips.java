package dev.rollback.cli;

import dev.rollback.adapters.CountsRequests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP round trips a command made, per backend, from the adapters' own counters; shown by
 * {@code --verbose} (and read by the benchmark) so the cost of a rollback is a fact, not a guess.
 */
final class RoundTrips {

    private final Map<String, List<CountsRequests>> counters = new TreeMap<>(); // a stable order for readers

    synchronized void track(String backend, Object adapter) {
        if (adapter instanceof CountsRequests counting) {
            counters.computeIfAbsent(backend, k -> new ArrayList<>()).add(counting);
        }
    }

    /** "kubernetes 13, registry 17, s3 2": backends by name. */
    synchronized String describe() {
        List<String> parts = new ArrayList<>();
        counters.forEach((backend, list) -> parts.add(backend + " "
                + list.stream().mapToLong(CountsRequests::requestCount).sum()));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
