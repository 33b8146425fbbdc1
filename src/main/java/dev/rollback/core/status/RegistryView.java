package dev.rollback.core.status;

import dev.rollback.config.ServiceConfig;
import dev.rollback.core.registry.ModelRegistry;
import dev.rollback.core.registry.ModelVersion;
import dev.rollback.core.registry.RegisteredModel;
import dev.rollback.core.registry.VersionSearch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the registry knows about one service's model, read once (the registered model for
 * its aliases, then every version page) so that status and candidates reason over one snapshot.
 */
public record RegistryView(ServiceConfig service, String registryLocation, RegisteredModel model,
        List<ModelVersion> versions) {

    public static RegistryView read(ServiceConfig service, ModelRegistry registry) {
        String modelName = service.model().name();
        RegisteredModel model = registry.getModel(modelName);
        Map<String, Set<String>> aliasesByVersion = new HashMap<>();
        model.aliases().forEach((alias, version) ->
                aliasesByVersion.computeIfAbsent(version, v -> new HashSet<>()).add(alias));
        List<ModelVersion> versions = new ArrayList<>();
        for (ModelVersion v : registry.searchVersions(VersionSearch.allVersionsOf(modelName))) {
            versions.add(v.withAliases(aliasesByVersion.getOrDefault(v.version(), Set.of())));
        }
        return new RegistryView(service, registry.location(), model, List.copyOf(versions));
    }

    public Optional<ModelVersion> version(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }

    /** Versions in the configured live stage, newest first; empty when no stage is configured. */
    public List<ModelVersion> versionsInLiveStage() {
        String stage = service.live().stage();
        if (stage == null) {
            return List.of();
        }
        return versions.stream().filter(v -> stage.equalsIgnoreCase(v.stage())).toList();
    }

    /** The version the configured alias points at, when the alias is configured and set. */
    public Optional<ModelVersion> aliasVersion() {
        String alias = service.live().alias();
        if (alias == null) {
            return Optional.empty();
        }
        return model.aliasVersion(alias).flatMap(this::version);
    }

    public List<ModelVersion> healthyBaselines() {
        String key = service.baseline().tagKey();
        String value = service.baseline().tagValue();
        return versions.stream().filter(v -> v.hasTag(key, value)).toList();
    }
}
