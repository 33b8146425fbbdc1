package dev.rollback.adapters.ci.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * Finds the run a 204 dispatch started, among the workflow's runs listed by
 * {@code GET .../workflows/{wf}/runs?event=workflow_dispatch&branch=...}.
 *
 * <p>The race, and why it cannot be closed from here: a 204 says only that GitHub accepted the event.
 * The run is created asynchronously, so it may take seconds to appear in the list (hence the polling),
 * and the run object does not carry the dispatch inputs, so another dispatch of the same workflow on the
 * same branch at about the same time (a colleague, a second rollback) looks the same. We prefer a run
 * whose title contains the rollback id (a workflow declaring {@code run-name: ... ${{ inputs.rollback_id }}}
 * makes the match exact); failing that, the newest run created at or after the dispatch, less
 * {@link #CLOCK_SKEW} because created_at is GitHub's clock and the dispatch time is ours. Servers that
 * honour return_run_details (200 with the run id) avoid all of this.
 */
final class GitHubRunFinder {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(10);

    private GitHubRunFinder() {
    }

    /** The run from one page of {"total_count", "workflow_runs": [...]}, if any qualifies. */
    static Optional<JsonNode> choose(JsonNode page, Instant dispatchedAt, String rollbackId) {
        JsonNode runs = page.path("workflow_runs");
        if (!runs.isArray()) {
            return Optional.empty();
        }
        Instant since = dispatchedAt.minus(CLOCK_SKEW);
        var candidates = StreamSupport.stream(runs.spliterator(), false)
                .filter(run -> createdAt(run).map(t -> !t.isBefore(since)).orElse(false))
                .toList();
        Comparator<JsonNode> newestFirst = Comparator.comparing((JsonNode run) -> createdAt(run).orElse(Instant.MIN)).reversed();
        Optional<JsonNode> titled = candidates.stream()
                .filter(run -> rollbackId != null && !rollbackId.isBlank() && run.path("display_title").asText("").contains(rollbackId))
                .sorted(newestFirst).findFirst();
        return titled.or(() -> candidates.stream().sorted(newestFirst).findFirst());
    }

    private static Optional<Instant> createdAt(JsonNode run) {
        try {
            return Optional.of(Instant.parse(run.path("created_at").asText("")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
