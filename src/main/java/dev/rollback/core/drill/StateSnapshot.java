package dev.rollback.core.drill;

import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a drill may change, read before it starts so it can be put back exactly: the model's aliases,
 * every version's stage and tags (all of them, not only this tool's), and the model reference serving runs.
 * <p>
 * Left out on purpose: timestamps ({@code last_updated_timestamp} moves with every stage transition or tag write,
 * so it can never be restored and would make every restore look incomplete), and what a drill never changes
 * (a version's source, status and run, the model-level tags). Serving is the reference alone: the Deployment's
 * revision and change-cause annotation move forward with every rollout and cannot go back.
 * <p>
 * Maps are sorted (versions by number), so equal states are equal records and print the same.
 *
 * @param model            the registered model's name
 * @param aliases          alias → version
 * @param versions         version → its stage and tags, ordered by version number
 * @param servingReference the reference serving runs; null when the service has no serving configured
 */
public record StateSnapshot(String model, SortedMap<String, String> aliases, SortedMap<String, VersionState> versions,
        String servingReference) {

    /** "2" before "10": versions in the order people count them; non-numeric ones last, by name. */
    public static final Comparator<String> BY_VERSION_NUMBER = Comparator
            .comparingLong(StateSnapshot::numberOrMax).thenComparing(Comparator.naturalOrder());

    public StateSnapshot {
        Objects.requireNonNull(model, "model");
        aliases = Collections.unmodifiableSortedMap(new TreeMap<>(aliases));
        SortedMap<String, VersionState> byNumber = new TreeMap<>(BY_VERSION_NUMBER);
        byNumber.putAll(versions);
        versions = Collections.unmodifiableSortedMap(byNumber);
    }

    /** From maps in any order (the record's own maps are sorted copies). */
    public static StateSnapshot of(String model, Map<String, String> aliases, Map<String, VersionState> versions,
            String servingReference) {
        return new StateSnapshot(model, new TreeMap<>(aliases), new TreeMap<>(versions), servingReference);
    }

    /** One version's restorable state. */
    public record VersionState(String stage, SortedMap<String, String> tags) {

        public VersionState {
            Objects.requireNonNull(stage, "stage");
            tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
        }

        public static VersionState of(String stage, Map<String, String> tags) {
            return new VersionState(stage, new TreeMap<>(tags));
        }
    }

    private static long numberOrMax(String version) {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
