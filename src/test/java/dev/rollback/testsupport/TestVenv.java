package dev.rollback.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The cached venv of {@code src/test/python/ensure-venv.sh} (which waits on its lock if another JVM installs). */
public final class TestVenv {

    private static Path venv;

    private TestVenv() {
    }

    public static synchronized Path path() {
        if (venv == null) {
            venv = ensure();
        }
        return venv;
    }

    private static Path ensure() {
        Path script = locate("src/test/python/ensure-venv.sh");
        try {
            Process p = new ProcessBuilder("bash", script.toString())
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
