package dev.rollback.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cached venvs of {@code src/test/python/ensure-venv.sh} (which waits on its lock if another JVM installs):
 * {@link #path()} for the test servers, {@link #path(String)} for a tool with a venv of its own (e.g. "dvc").
 */
public final class TestVenv {

    private static Path venv;
    private static final Map<String, Path> NAMED = new HashMap<>();

    private TestVenv() {
    }

    public static synchronized Path path() {
        if (venv == null) {
            venv = ensure(List.of());
        }
        return venv;
    }

    /** The venv of {@code src/test/python/requirements-<name>.txt}. */
    public static synchronized Path path(String name) {
        return NAMED.computeIfAbsent(name, n -> ensure(List.of(n)));
    }

    private static Path ensure(List<String> args) {
        Path script = locate("src/test/python/ensure-venv.sh");
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0 || out.isEmpty()) {
                throw new IllegalStateException(script + " failed with exit code " + p.exitValue());
            }
            String[] lines = out.split("\n");
            return Path.of(lines[lines.length - 1].trim());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }

    /** Finds a project file from the working directory or one of its parents. */
    private static Path locate(String relative) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(relative))) {
                return d.resolve(relative);
            }
        }
        throw new IllegalStateException("cannot find " + relative + " above " + Path.of("").toAbsolutePath());
    }
}
