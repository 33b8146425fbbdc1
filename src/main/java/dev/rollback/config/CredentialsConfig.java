package dev.rollback.config;

import java.nio.file.Path;

/** Where to find secrets: names of environment variables (and optionally a token file), never the secrets themselves. */
public record CredentialsConfig(String tokenEnv, String usernameEnv, String passwordEnv, Path tokenFile) {
    public static final String DEFAULT_TOKEN_ENV = "MLFLOW_TRACKING_TOKEN";
    public static final String DEFAULT_USERNAME_ENV = "MLFLOW_TRACKING_USERNAME";
    public static final String DEFAULT_PASSWORD_ENV = "MLFLOW_TRACKING_PASSWORD";

    /** The MLflow client's own variable names, so an existing MLflow setup works without a credentials block. */
    public static CredentialsConfig defaults() {
        return new CredentialsConfig(DEFAULT_TOKEN_ENV, DEFAULT_USERNAME_ENV, DEFAULT_PASSWORD_ENV, null);
    }
}
