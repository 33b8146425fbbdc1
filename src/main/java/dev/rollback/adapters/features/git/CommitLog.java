package dev.rollback.adapters.features.git;

import dev.rollback.core.features.Commit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code git log --format} that yields {@link Commit}s, and its parser. */
final class CommitLog {

    // Unit/record separators cannot appear in a one-line subject or a name, unlike tabs or newlines.
    static final String FORMAT = "--format=%H%x1f%s%x1f%an <%ae>%x1f%ct%x1f"
            + "%(trailers:key=Rollback-Id,valueonly)%x1e";

    private CommitLog() {
    }

    static List<Commit> parse(String output) {
        List<Commit> commits = new ArrayList<>();
        for (String record : output.split("\u001e")) {
            String r = record.stripLeading();
            if (r.isEmpty()) {
                continue;
            }
            String[] f = r.split("\u001f", 5);
            if (f.length < 5) {
                throw new IllegalStateException("unexpected git log record: " + r);
            }
            Optional<String> rollbackId = f[4].lines().map(String::strip).filter(s -> !s.isEmpty()).findFirst();
            commits.add(new Commit(f[0], f[1], f[2], Instant.ofEpochSecond(Long.parseLong(f[3].strip())),
                    rollbackId));
        }
        return commits;
    }
}
