package dev.rollback.config;

/** The registry tag that marks a version as a known-good rollback target. */
public record BaselineConfig(String tagKey, String tagValue) {
    public static final String DEFAULT_TAG_KEY = "rollback.healthy_baseline";
    public static final String DEFAULT_TAG_VALUE = "true";

    public static BaselineConfig defaults() {
        return new BaselineConfig(DEFAULT_TAG_KEY, DEFAULT_TAG_VALUE);
    }
}
