package dev.rollback.testsupport.prometheus;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds {@code prometheus} and {@code promtool} on the PATH (the Debian package puts both in /usr/bin). Missing is
 * a failure that says how to install them, never a skipped test.
 */
final class PrometheusBinaries {

    private PrometheusBinaries() {
    }

    static Path prometheus() {
        return find("prometheus");
    }

    static Path promtool() {
        return find("promtool");
    }

    private static Path find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(name + " is not on the PATH; the Prometheus tests need a real Prometheus:"
                + " install it with 'sudo apt-get install -y prometheus' (Debian/Ubuntu; it brings promtool too)");
    }
}
