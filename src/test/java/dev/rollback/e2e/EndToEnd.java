package dev.rollback.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Small helpers shared by the end-to-end tests. */
final class EndToEnd {

    private EndToEnd() {
    }

    static Path onlyJournal(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("state/journal"))) {
            List<Path> all = files.toList();
            if (all.size() != 1) {
                throw new IllegalStateException("expected one journal, found " + all);
            }
            return all.get(0);
        }
    }
}
