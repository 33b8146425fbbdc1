package dev.rollback.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One model registry. {@code type} is always "mlflow" for now; {@code caCertPath} is null unless set.
 * Relative paths in the file are resolved against the directory of the config file.
 */
public record RegistryConfig(String name, String type, URI trackingUri, Duration timeout, CredentialsConfig credentials,
                             boolean insecureTls, Path caCertPath) {
    public static final String TYPE_MLFLOW = "mlflow";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
}
