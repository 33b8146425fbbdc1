package dev.rollback.adapters.ci.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Choosing the dispatched run from a "List workflow runs for a workflow" page. */
class GitHubRunFinderTest {

    private static final Instant DISPATCHED = Instant.parse("2030-05-01T10:00:00.500Z");

    private static JsonNode page(String... runs) throws Exception {
        return new ObjectMapper().readTree("{\"total_count\":" + runs.length + ",\"workflow_runs\":[" + String.join(",", runs) + "]}");
    }

    private static String run(long id, String createdAt, String title) {
        return "{\"id\":" + id + ",\"created_at\":\"" + createdAt + "\",\"display_title\":\"" + title + "\"}";
    }

    @Test
    void takesTheNewestRunCreatedSinceTheDispatchAllowingForClockSkew() throws Exception {
        JsonNode page = page(run(3, "2030-05-01T10:00:03Z", "Retrain"), run(2, "2030-05-01T09:59:55Z", "Retrain"),
                run(1, "2030-05-01T09:00:00Z", "Retrain"));
        assertThat(GitHubRunFinder.choose(page, DISPATCHED, "rb-1")).map(r -> r.get("id").asLong()).hasValue(3L);
    }

    @Test
    void aRunCreatedWithinTheSkewBeforeTheDispatchStillCounts() throws Exception {
        JsonNode page = page(run(2, "2030-05-01T09:59:52Z", "Retrain"), run(1, "2030-05-01T09:59:40Z", "Retrain"));
        assertThat(GitHubRunFinder.choose(page, DISPATCHED, "rb-1")).map(r -> r.get("id").asLong()).hasValue(2L);
    }

    @Test
    void olderRunsNeverCount() throws Exception {
        assertThat(GitHubRunFinder.choose(page(run(1, "2030-05-01T09:59:40Z", "Retrain rb-1")), DISPATCHED, "rb-1")).isEmpty();
        assertThat(GitHubRunFinder.choose(page(), DISPATCHED, "rb-1")).isEmpty();
    }

    @Test
    void aTitleNamingTheRollbackIdBeatsANewerRun() throws Exception {
        JsonNode page = page(run(5, "2030-05-01T10:00:09Z", "Retrain rb-other"), run(4, "2030-05-01T10:00:02Z", "Retrain rb-1"));
        assertThat(GitHubRunFinder.choose(page, DISPATCHED, "rb-1")).map(r -> r.get("id").asLong()).hasValue(4L);
    }
}
