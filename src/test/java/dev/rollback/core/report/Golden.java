package dev.rollback.core.report;

import org.assertj.core.util.diff.DiffUtils;
import org.assertj.core.util.diff.Patch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.fail;

/**
 * Compares output with a reviewed file in src/test/resources/report/, byte for byte, and prints a unified diff
 * when they differ. {@code -Drollback.updateGolden=true} rewrites the file instead: review the change before
 * keeping it, since the file is the specification.
 */
final class Golden {

    static final Path DIR = Path.of("src/test/resources/report");

    private Golden() {
    }

    static void assertMatches(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("rollback.updateGolden")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            fail(file + " does not exist; create it with -Drollback.updateGolden=true and review it");
        }
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail("output differs from " + file + " (rewrite with -Drollback.updateGolden=true after reviewing):\n"
                    + diff(file.toString(), expected, actual));
        }
    }

    /** A unified diff, for messages. */
    static String diff(String name, String expected, String actual) {
        List<String> before = expected.lines().toList();
        Patch<String> patch = DiffUtils.diff(before, actual.lines().toList());
        String diff = String.join("\n", DiffUtils.generateUnifiedDiff(name, "actual", before, patch, 2));
        return diff.isBlank() ? "(only line endings or the final newline differ)" : diff;
    }
}
