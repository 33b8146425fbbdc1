package dev.rollback.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A validated {@code rollback.yaml}. Map iteration order is file order, so listings match what the user wrote. */
public record RollbackConfig(Path source, Map<String, RegistryConfig> registries, Map<String, ServiceConfig> services,
                             S3Config s3, JournalConfig journal) {
    public RollbackConfig {
        s3 = s3 == null ? S3Config.defaults() : s3;
        journal = journal == null ? JournalConfig.localOnly() : journal;
        registries = Collections.unmodifiableMap(new LinkedHashMap<>(registries));
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }
}
