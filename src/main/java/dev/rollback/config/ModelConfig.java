package dev.rollback.config;

/** The registered model behind a service; {@code primaryMetric} is null when not configured. */
public record ModelConfig(String name, String primaryMetric) {
}
