package dev.rollback.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
}
