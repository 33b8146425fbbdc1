package dev.rollback.adapters.ci.github;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of a run GitHub accepted (204) but had not listed yet: "dispatched:EPOCH_MILLIS:ROLLBACK_ID".
 * status() and cancel() look for it again, so a slow GitHub does not lose the run.
 */
record DispatchedRun(Instant at, String rollbackId) {

    private static final Pattern ID = Pattern.compile("dispatched:(\\d+):(.*)", Pattern.DOTALL);

    String id() {
        return "dispatched:" + at.toEpochMilli() + ":" + (rollbackId == null ? "" : rollbackId);
    }

    static Optional<DispatchedRun> parse(String id) {
        Matcher m = ID.matcher(id);
        return m.matches() ? Optional.of(new DispatchedRun(Instant.ofEpochMilli(Long.parseLong(m.group(1))), m.group(2)))
                : Optional.empty();
    }
}
