package dev.rollback.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A validated {@code rollback.yaml}. Map iteration order is file order, so listings match what the user wrote. */
public record RollbackConfig(Path source, Map<String, RegistryConfig> registries, Map<String, ServiceConfig> services) {
    public RollbackConfig {
        registries = Collections.unmodifiableMap(new LinkedHashMap<>(registries));
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }
}
