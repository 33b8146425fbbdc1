package dev.rollback.core.status;

import dev.rollback.core.registry.ModelVersion;

/**
 * The version that is live, and the registry facts that say so.
 *
 * @param alias the configured alias when it points at this version, else null
 * @param stage the configured stage when this version is in it, else null
 */
public record LiveVersion(ModelVersion version, String alias, String stage) {

    public String knownBy() {
        if (alias != null && stage != null) {
            return "alias '" + alias + "' and stage '" + stage + "'";
        }
        return alias != null ? "alias '" + alias + "'" : "stage '" + stage + "'";
    }
}
