package dev.rollback.config;

/**
 * How to find the version that is live now. {@code alias} is null when disabled in the file;
 * {@code stage} is null or exactly "Staging" / "Production". At least one of the two is set.
 */
public record LiveConfig(String alias, String stage) {
    public static final String DEFAULT_ALIAS = "champion";
}
