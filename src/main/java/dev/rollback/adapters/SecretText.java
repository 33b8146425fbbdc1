package dev.rollback.adapters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A secret named in rollback.yaml by an environment variable and/or a file, never held there itself (CI tokens,
 * the Prometheus Authorization value, the Slack webhook URL). One rule for all of them: the variable wins when it
 * is named and set; otherwise the file, trimmed. What went wrong is an {@link Outcome}, so each caller words its
 * own one-line message (which key to fix, what the value must hold) and throws its own exception type.
 *
 * @param readError the exception's class name when the file could not be read, else null (never its message,
 *                  which could quote the path's contents on some systems)
 */
public record SecretText(Outcome outcome, String value, String envName, Path file, String readError) {

    public enum Outcome {
        FROM_ENV, FROM_FILE,
        /** neither a variable nor a file is named */
        NOT_CONFIGURED,
        /** a variable is named but not set, and no file is named */
        ENV_UNSET,
        FILE_EMPTY, FILE_MISSING, FILE_UNREADABLE
    }

    public static SecretText read(String envName, Path file, Map<String, String> env) {
        String fromEnv = envName == null ? null : env.get(envName);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new SecretText(Outcome.FROM_ENV, fromEnv.strip(), envName, file, null);
        }
        if (file == null) {
            return new SecretText(envName == null ? Outcome.NOT_CONFIGURED : Outcome.ENV_UNSET, null, envName, null,
                    null);
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return new SecretText(text.isEmpty() ? Outcome.FILE_EMPTY : Outcome.FROM_FILE, text.isEmpty() ? null : text,
                    envName, file, null);
        } catch (NoSuchFileException e) {
            return new SecretText(Outcome.FILE_MISSING, null, envName, file, null);
        } catch (IOException e) {
            return new SecretText(Outcome.FILE_UNREADABLE, null, envName, file, e.getClass().getSimpleName());
        }
    }

    /** Where a found value came from, safe to print: "$NAME" or "file PATH". */
    public String source() {
        return outcome == Outcome.FROM_ENV ? "$" + envName : "file " + file;
    }

    /** For messages about the file: "environment variable NAME is not set and " when a variable was named too. */
    public String envUnsetPrefix() {
        return envName == null ? "" : "environment variable " + envName + " is not set and ";
    }
}
