package dev.rollback.core.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model registry as the rollback domain needs it. Implementations fail fast on client errors
 * (4xx is never retried) and throw {@link RegistryException} with a classified kind.
 */
public interface ModelRegistry {

    /** Where this registry lives, for messages (e.g. the tracking URI, without credentials). */
    String location();

    /** The registered model with its aliases; NOT_FOUND when it does not exist. */
    RegisteredModel getModel(String modelName);

    /** One version, aliases filled in; empty when the model or the version does not exist. */
    Optional<ModelVersion> findVersion(String modelName, String version);

    /**
     * Versions matching the search, newest (highest number) first, every page read. Aliases are
     * not filled in: combine with {@link #getModel(String)}.
     */
    List<ModelVersion> searchVersions(VersionSearch search);

    /** The version an alias points to; empty when the alias is not set. */
    Optional<String> resolveAlias(String modelName, String alias);

    /** Points the alias at the version, creating or moving it. */
    void setAlias(String modelName, String alias, String version);

    /** Removes the alias; a no-op when it is not set. */
    void deleteAlias(String modelName, String alias);

    /** Legacy stage transition; returns the version as it is afterwards. */
    ModelVersion transitionStage(String modelName, String version, String stage, boolean archiveExistingVersions);

    void setVersionTag(String modelName, String version, String key, String value);

    /** Removes a version tag; a no-op when it is not set. */
    void deleteVersionTag(String modelName, String version, String key);

    /** The latest value of every metric logged to the run; empty when the run has none. */
    Map<String, Double> runMetrics(String runId);
}
