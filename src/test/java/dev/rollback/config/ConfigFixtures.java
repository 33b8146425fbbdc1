package dev.rollback.config;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Shared helpers: configs are written to real files and loaded through the public API. */
final class ConfigFixtures {
    static final String MINIMAL = """
            registries:
              default:
                trackingUri: http://mlflow:5000
            services:
              recsys:
                model:
                  name: homepage-recsys
            """;

    private ConfigFixtures() {
    }

    static Path write(Path dir, String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RollbackConfig load(Path dir, String yaml) {
        return load(dir, yaml, Map.of());
    }

    static RollbackConfig load(Path dir, String yaml, Map<String, String> env) {
        return ConfigLoader.load(write(dir, "rollback.yaml", yaml), env);
    }

    /** The problems as "line:col: path: message", file left out so expectations stay readable. */
    static List<String> problems(Path dir, String yaml) {
        return problems(dir, yaml, Map.of());
    }

    static List<String> problems(Path dir, String yaml, Map<String, String> env) {
        Path file = write(dir, "rollback.yaml", yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, env));
        if (e == null) {
            throw new AssertionError("expected the config to be rejected:\n" + yaml);
        }
        for (ConfigProblem p : e.problems()) {
            if (!file.equals(p.file())) {
                throw new AssertionError("problem without the file: " + p);
            }
        }
        return e.problems().stream()
                .map(p -> new ConfigProblem(null, p.line(), p.column(), p.path(), p.message()).toString())
                .toList();
    }
}
