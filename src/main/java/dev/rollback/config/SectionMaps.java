package dev.rollback.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reading a service's serving/features/ci section, which arrives as a plain map after binding: unknown keys,
 * optional strings and paths relative to rollback.yaml, the same way for each.
 */
final class SectionMaps {

    private SectionMaps() {
    }

    static void unknownKeys(Path file, String path, Map<String, Object> map, Set<String> allowed,
            List<ConfigProblem> problems) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                problems.add(new ConfigProblem(file, 0, 0, path + "." + key, "unknown key; "
                        + Suggestions.closest(key, allowed).map(s -> "did you mean '" + s + "'?")
                                .orElse("valid keys: " + String.join(", ", allowed))));
            }
        }
    }

    /** The value as text, or {@code defaultValue} when absent or blank. */
    static String string(Map<String, Object> map, String key, String defaultValue) {
        Object value = map.get(key);
        return value == null || value.toString().isBlank() ? defaultValue : value.toString().strip();
    }

    /** A path from the file; a relative one is relative to rollback.yaml (left relative when there is no file). */
    static Path path(Path file, String text) {
        if (text == null) {
            return null;
        }
        return file == null || Path.of(text).isAbsolute() ? Path.of(text)
                : file.toAbsolutePath().getParent().resolve(text).normalize();
    }

    /** An http(s) URL without credentials in it; null (and a problem) otherwise. */
    static URI httpUrl(Path file, String path, String text, List<ConfigProblem> problems, String whereCredentialsGo) {
        try {
            URI uri = URI.create(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            if (uri.getUserInfo() != null) {
                problems.add(new ConfigProblem(file, 0, 0, path, "credentials do not belong in the URL; "
                        + whereCredentialsGo));
                return null;
            }
            return uri;
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(file, 0, 0, path, "expected an http or https URL; got '" + text + "'"));
            return null;
        }
    }

    /** A nested mapping; empty when absent, and a problem when it is something else. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Path file, String path, Object value, List<ConfigProblem> problems) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        problems.add(new ConfigProblem(file, 0, 0, path, "expected a mapping of keys to values"));
        return Map.of();
    }

    /** A number, or null when absent; a problem when it is not a number. */
    static Double number(Path file, String path, Map<String, Object> map, String key, List<ConfigProblem> problems) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            double parsed = Double.parseDouble(value.toString().strip());
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new ConfigProblem(file, 0, 0, path + "." + key, "expected a number; got '" + value + "'"));
        return null;
    }

    /** A positive duration like 30s, 500ms, 5m, 2h; {@code defaultValue} when absent. */
    static Duration duration(Path file, String path, Map<String, Object> map, String key, Duration defaultValue,
            List<ConfigProblem> problems) {
        String text = string(map, key, null);
        if (text == null) {
            return defaultValue;
        }
        try {
            Optional<Duration> d = DurationText.parse(text);
            if (d.isPresent() && !d.get().isZero()) {
                return d.get();
            }
        } catch (ArithmeticException e) {
            // reported below
        }
        problems.add(new ConfigProblem(file, 0, 0, path + "." + key, "expected a positive duration like 30s, 500ms, "
                + "5m; got '" + text + "'"));
        return defaultValue;
    }
}
