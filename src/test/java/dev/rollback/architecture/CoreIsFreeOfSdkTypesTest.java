package dev.rollback.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code core} holds the domain: it talks to the outside only through its ports. SDK, HTTP and
 * CLI types belong in {@code adapters} and {@code cli}.
 */
class CoreIsFreeOfSdkTypesTest {

    private static final List<String> FORBIDDEN = List.of(
            "io.fabric8.", "software.amazon.", "org.mlflow", "picocli.", "java.net.http.",
            "com.fasterxml.jackson.", "org.fusesource.jansi", "dev.rollback.cli.", "dev.rollback.adapters.");

    @Test
    void coreImportsNoSdkHttpOrCliTypes() throws IOException {
        Path core = Path.of("src/main/java/dev/rollback/core");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(core)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    for (String prefix : FORBIDDEN) {
                        if (line.contains(prefix)) {
                            violations.add(file + ":" + (i + 1) + ": " + line.strip());
                        }
                    }
                }
            }
        }
        assertThat(core).isDirectory();
        assertThat(violations).isEmpty();
    }
}
