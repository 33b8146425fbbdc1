package dev.rollback.config;

import java.nio.file.Path;

/**
 * One thing wrong with the configuration. {@code line}/{@code column} are 1-based, 0 when unknown;
 * {@code path} is the dotted key path ("services.recsys.model.name"), empty when the problem is about the whole file.
 */
public record ConfigProblem(Path file, int line, int column, String path, String message) {
    public ConfigProblem {
        path = path == null ? "" : path;
    }

    /** Compiler-style, so editors and terminals can jump to the spot: {@code rollback.yaml:12:5: services.x: required}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (file != null) {
            out.append(file);
        }
        if (line > 0) {
            out.append(out.length() > 0 ? ":" : "").append(line);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        if (out.length() > 0) {
            out.append(": ");
        }
        if (!path.isEmpty()) {
            out.append(path).append(": ");
        }
        return out.append(message).toString();
    }
}
