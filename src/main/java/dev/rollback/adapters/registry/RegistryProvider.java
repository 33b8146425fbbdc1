package dev.rollback.adapters.registry;

import dev.rollback.adapters.registry.mlflow.MlflowCredentials;
import dev.rollback.adapters.registry.mlflow.MlflowRegistry;
import dev.rollback.config.CredentialsConfig;
import dev.rollback.config.RegistryConfig;
import dev.rollback.core.registry.ModelRegistry;

import java.util.Map;

/** Creates the registry adapter named by {@code type:} in the config. */
public final class RegistryProvider {

    private RegistryProvider() {
    }

    public static ModelRegistry create(RegistryConfig registry, Map<String, String> env) {
        if (!"mlflow".equals(registry.type())) {
            throw new IllegalArgumentException("unsupported registry type '" + registry.type() + "'");
        }
        CredentialsConfig c = registry.credentials();
        String uri = registry.trackingUri().toString();
        return new MlflowRegistry(uri, registry.timeout(), MlflowCredentials.fromEnvironment(uri, env,
                c.tokenEnv(), c.usernameEnv(), c.passwordEnv(), c.tokenFile(), registry.insecureTls()));
    }
}
