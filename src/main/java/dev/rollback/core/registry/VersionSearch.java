package dev.rollback.core.registry;

import java.util.List;
import java.util.Map;

/**
 * A server-side filtered search over one model's versions, newest first. Every page is read, so
 * a model with thousands of versions is searched completely.
 *
 * @param tagEquals  only versions carrying all these tags with exactly these values
 * @param versions   only these version numbers (empty = any)
 */
public record VersionSearch(String modelName, Map<String, String> tagEquals, List<String> versions) {

    public VersionSearch {
        tagEquals = Map.copyOf(tagEquals);
        versions = List.copyOf(versions);
    }

    public static VersionSearch allVersionsOf(String modelName) {
        return new VersionSearch(modelName, Map.of(), List.of());
    }

    public static VersionSearch taggedVersionsOf(String modelName, String key, String value) {
        return new VersionSearch(modelName, Map.of(key, value), List.of());
    }
}
