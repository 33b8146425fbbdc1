package dev.rollback.adapters.metrics.prometheus;

import dev.rollback.adapters.SecretText;
import dev.rollback.core.metrics.MetricsException;
import dev.rollback.core.metrics.MetricsException.Kind;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Authorization} header value for Prometheus, read from the environment variable named by
 * {@code metrics.authorizationEnv} or the file named by {@code metrics.authorizationFile} (trimmed), never from
 * the config itself. It is sent verbatim, so it carries its scheme: "Bearer &lt;token&gt;" or "Basic &lt;base64&gt;".
 * The variable wins when both are named and it is set. {@link #source()} says where the value came from, for hints;
 * {@link #toString()} never shows the value.
 *
 * <p>Read once, when the metrics source is created: a missing credential is a configuration problem that should
 * stop the command before it reads any signal, not turn every reading into a quiet gap. Problems are
 * {@link Kind#AUTH} with one line naming the key to fix; no message ever holds the value.
 */
record AuthorizationHeader(String value, String source) {

    /** Names the source only: "$PROM_AUTH" or "file /etc/rollback/prom-auth". */
    @Override
    public String toString() {
        return "Authorization from " + source;
    }

    /** Empty when neither key is configured (an open Prometheus). */
    static Optional<AuthorizationHeader> read(String envName, Path file, Map<String, String> env) {
        SecretText secret = SecretText.read(envName, file, env);
        String envPart = secret.envUnsetPrefix();
        return switch (secret.outcome()) {
            case NOT_CONFIGURED -> Optional.empty();
            case FROM_ENV -> Optional.of(new AuthorizationHeader(checked(secret.value(), "environment variable "
                    + envName), secret.source()));
            case FROM_FILE -> Optional.of(new AuthorizationHeader(checked(secret.value(), "file " + file),
                    secret.source()));
            case ENV_UNSET -> throw new MetricsException(Kind.AUTH, "environment variable " + envName
                    + " (metrics.authorizationEnv) is not set; set it to the Authorization header value for Prometheus, "
                    + "e.g. 'Bearer <token>'");
            case FILE_EMPTY -> throw new MetricsException(Kind.AUTH, envPart + "file " + file
                    + " (metrics.authorizationFile) is empty; put the Authorization header value for Prometheus in it, "
                    + "e.g. 'Bearer <token>'");
            case FILE_MISSING -> throw new MetricsException(Kind.AUTH, envPart + "file " + file
                    + " (metrics.authorizationFile) does not exist; create it holding the Authorization header value "
                    + "for Prometheus, e.g. 'Bearer <token>'");
            case FILE_UNREADABLE -> throw new MetricsException(Kind.AUTH, envPart + "cannot read file " + file
                    + " (metrics.authorizationFile): " + secret.readError() + "; make it readable by this user");
        };
    }

    /** A value with a line break would be refused by the HTTP client with a message that may quote it: refuse it first. */
    private static String checked(String value, String source) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new MetricsException(Kind.AUTH, "the Authorization value in " + source + " contains a line break"
                        + " or control character; it must be one line, like 'Bearer <token>'");
            }
        }
        return value;
    }
}
