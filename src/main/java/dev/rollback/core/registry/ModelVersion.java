package dev.rollback.core.registry;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One version of a registered model, as the registry reports it.
 *
 * @param version  the registry's version string ("7"); {@link #number()} for ordering
 * @param stage    legacy stage ("None", "Staging", "Production", "Archived")
 * @param status   registration status; only {@code READY} versions can be served
 * @param aliases  filled from the registered model, not from version search (MLflow does not
 *                 return them reliably there)
 */
public record ModelVersion(
        String modelName,
        String version,
        Instant createdAt,
        Instant lastUpdatedAt,
        String stage,
        String status,
        String source,
        String runId,
        Map<String, String> tags,
        Set<String> aliases) {

    public static final String READY = "READY";

    public ModelVersion {
        tags = Map.copyOf(tags);
        aliases = Set.copyOf(aliases);
    }

    public long number() {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public boolean isReady() {
        return READY.equals(status);
    }

    public Optional<String> tag(String key) {
        return Optional.ofNullable(tags.get(key));
    }

    public boolean hasTag(String key, String value) {
        return value.equals(tags.get(key));
    }

    public ModelVersion withAliases(Set<String> newAliases) {
        return new ModelVersion(modelName, version, createdAt, lastUpdatedAt, stage, status, source, runId, tags,
                newAliases);
    }
}
