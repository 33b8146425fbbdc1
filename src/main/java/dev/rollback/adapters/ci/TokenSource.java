package dev.rollback.adapters.ci;

import dev.rollback.adapters.SecretText;
import dev.rollback.core.retrain.CiException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where one token comes from: the environment variable or the file named in the config, never the
 * config itself. Read lazily, on the first request that needs it (so --dry-run and describe work
 * without it), then kept. The variable wins when both are named and it is set; a file is trimmed.
 *
 * <p>Nothing here ever prints the value: {@link #toString()} names the source only, and every
 * message says which variable or file to fix and what it must hold.
 */
public final class TokenSource {

    private static final String CONFIG_PREFIX = "services.<svc>.ci.";

    private final String label;
    private final String holds;
    private final String envKey;
    private final String envName;
    private final String fileKey;
    private final Path file;
    private final Map<String, String> env;
    private String value;

    /**
     * @param label   "GitLab trigger token": starts every message
     * @param holds   what the variable/file must hold, e.g. "a pipeline trigger token of ml/recsys"
     * @param envKey  the config key naming the variable ("tokenEnv" or "apiTokenEnv")
     * @param fileKey the config key naming the file ("tokenFile" or "apiTokenFile")
     * @param file    already resolved against the config directory, or null
     */
    public TokenSource(String label, String holds, String envKey, String envName, String fileKey, Path file,
            Map<String, String> env) {
        this.label = label;
        this.holds = holds;
        this.envKey = envKey;
        this.envName = envName;
        this.fileKey = fileKey;
        this.file = file;
        this.env = Map.copyOf(env);
    }

    /** Whether the config names a variable or a file (says nothing about whether it is set). */
    public boolean configured() {
        return envName != null || file != null;
    }

    public String label() {
        return label;
    }

    /** The token; a one-line {@link CiException.Kind#AUTH} naming the variable/file when it is missing. */
    public synchronized String read() {
        if (value == null) {
            value = load();
        }
        return value;
    }

    private String load() {
        SecretText secret = SecretText.read(envName, file, env);
        String envPart = secret.envUnsetPrefix();
        return switch (secret.outcome()) {
            case FROM_ENV, FROM_FILE -> secret.value();
            case NOT_CONFIGURED -> throw missing(label + " is not configured; name the environment variable holding "
                    + holds + " with " + CONFIG_PREFIX + envKey + " (or a file with " + CONFIG_PREFIX + fileKey + ")");
            case ENV_UNSET -> throw missing(label + ": environment variable " + envName + " is not set; set it to "
                    + holds + ", or name a file with " + CONFIG_PREFIX + fileKey);
            case FILE_EMPTY -> throw missing(label + ": " + envPart + "file " + file + " is empty; it must hold " + holds);
            case FILE_MISSING -> throw missing(label + ": " + envPart + "file " + file + " does not exist; create it "
                    + "holding " + holds + (envName == null ? ", or name a variable with " + CONFIG_PREFIX + envKey : ""));
            case FILE_UNREADABLE -> throw missing(label + ": " + envPart + "cannot read file " + file + " ("
                    + secret.readError() + "); make it readable by this user; it must hold " + holds);
        };
    }

    private static CiException missing(String message) {
        return new CiException(CiException.Kind.AUTH, message);
    }

    /** "GitLab trigger token from $GITLAB_TRIGGER_TOKEN": the source, never the value. */
    @Override
    public String toString() {
        if (!configured()) {
            return label + " (not configured)";
        }
        return label + " from " + (envName != null ? "$" + envName : "") + (envName != null && file != null ? " or " : "")
                + (file != null ? file : "");
    }
}
