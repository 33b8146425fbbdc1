package dev.rollback.adapters.registry.mlflow;

import dev.rollback.core.registry.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.mlflow.tracking.creds.MlflowHostCreds;

/**
 * Builds mlflow-client credentials the way the Python client reads them: username + password
 * (HTTP Basic) win when both are set; otherwise a token (Bearer) from the token variable or, failing
 * that, the token file; {@code MLFLOW_TRACKING_INSECURE_TLS=true} turns off TLS verification. Blank
 * values count as unset. No secret ever reaches an exception message or a {@code toString()}.
 */
public final class MlflowCredentials {

    public static final String TOKEN_ENV = "MLFLOW_TRACKING_TOKEN";
    public static final String USERNAME_ENV = "MLFLOW_TRACKING_USERNAME";
    public static final String PASSWORD_ENV = "MLFLOW_TRACKING_PASSWORD";
    public static final String INSECURE_TLS_ENV = "MLFLOW_TRACKING_INSECURE_TLS";

    private MlflowCredentials() {
    }

    /** The standard variable names, no token file. */
    public static MlflowHostCreds fromEnvironment(String host, Map<String, String> env) {
        return fromEnvironment(host, env, TOKEN_ENV, USERNAME_ENV, PASSWORD_ENV, null, false);
    }

    /**
     * @param tokenFile   read (trimmed) when no token variable is set; ignored when it does not exist
     * @param insecureTls true to skip TLS verification even without {@code MLFLOW_TRACKING_INSECURE_TLS}
     * @throws RegistryException UNAUTHENTICATED when only one of username/password is set, or the
     *                           token file exists but cannot be read
     */
    public static MlflowHostCreds fromEnvironment(String host, Map<String, String> env, String tokenEnv,
            String usernameEnv, String passwordEnv, Path tokenFile, boolean insecureTls) {
        boolean insecure = insecureTls || "true".equalsIgnoreCase(value(env, INSECURE_TLS_ENV).orElse(""));
        Optional<String> user = value(env, usernameEnv);
        Optional<String> password = value(env, passwordEnv);
        if (user.isPresent() != password.isPresent()) {
            String set = user.isPresent() ? usernameEnv : passwordEnv;
            String unset = user.isPresent() ? passwordEnv : usernameEnv;
            throw new RegistryException(RegistryException.Kind.UNAUTHENTICATED, host,
                    set + " is set but " + unset + " is not: set both " + usernameEnv + " and " + passwordEnv
                            + " for basic auth, or neither.");
        }
        if (user.isPresent()) {
            return new BasicMlflowHostCreds(host, user.get(), password.get(), null, insecure);
        }
        String token = value(env, tokenEnv).orElseGet(() -> readTokenFile(host, tokenFile));
        return new BasicMlflowHostCreds(host, null, null, token, insecure);
    }

    /** The Authorization header value for these credentials, if any: Basic wins over Bearer. */
    static Optional<String> authorizationHeader(MlflowHostCreds creds) {
        if (creds == null) {
            return Optional.empty();
        }
        if (notBlank(creds.getUsername()) && creds.getPassword() != null) {
            String pair = creds.getUsername() + ":" + creds.getPassword();
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        if (notBlank(creds.getToken())) {
            return Optional.of("Bearer " + creds.getToken());
        }
        return Optional.empty();
    }

    /** "basic auth as USER", "bearer token", or "no credentials": safe to print. */
    public static String describe(MlflowHostCreds creds) {
        if (creds != null && notBlank(creds.getUsername()) && creds.getPassword() != null) {
            return "basic auth as " + creds.getUsername();
        }
        return creds != null && notBlank(creds.getToken()) ? "bearer token" : "no credentials";
    }

    private static String readTokenFile(String host, Path tokenFile) {
        if (tokenFile == null || !Files.exists(tokenFile)) {
            return null;
        }
        try {
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
            return token.isEmpty() ? null : token;
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.UNAUTHENTICATED, host,
                    "cannot read the MLflow token file " + tokenFile + ": " + e.getClass().getSimpleName() + ".");
        }
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(env.get(name)).filter(MlflowCredentials::notBlank);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
