package dev.rollback.adapters.serving.helm;

import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;

import java.util.Locale;
import java.util.regex.Pattern;

/** Turns a failed helm call into a classified {@link ServingException} from the one stderr line that says why. */
final class HelmErrors {

    // klog lines ("W0301 10:00:00.000000  123 warnings.go:70] ...") and Helm's warnings are noise before the error.
    private static final Pattern KLOG = Pattern.compile("^[IWE]\\d{4} .*");

    private HelmErrors() {
    }

    /** Helm's "Error: ..." line, else the first line that is not a warning; "exit code N" when stderr is empty. */
    static String firstMeaningfulLine(String stderr, int exitCode) {
        String fallback = null;
        for (String raw : (stderr == null ? "" : stderr).split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("Error:")) {
                return line;
            }
            boolean noise = line.startsWith("WARNING:") || KLOG.matcher(line).matches();
            if (fallback == null && !noise) {
                fallback = line;
            }
        }
        return fallback != null ? fallback : exitCode == 0 ? "" : "exit code " + exitCode + " without a message";
    }

    static ServingException classify(String command, String line) {
        String l = line.toLowerCase(Locale.ROOT);
        Kind kind;
        if (l.contains("kubernetes cluster unreachable") || l.contains("connection refused")
                || l.contains("no such host") || l.contains("i/o timeout")) {
            kind = Kind.UNREACHABLE;
        } else if (l.contains("forbidden") || l.contains("unauthorized")) {
            kind = Kind.FORBIDDEN;
        } else if (l.contains("another operation (install/upgrade/rollback) is in progress")) {
            kind = Kind.CONFLICT;
        } else if (l.contains("not found") || l.contains("has no deployed releases")) {
            kind = Kind.NOT_FOUND;
        } else {
            kind = Kind.REJECTED;
        }
        return new ServingException(kind, command + " failed: " + line);
    }
}
