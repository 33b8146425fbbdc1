package dev.rollback.adapters.ci.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.ci.CiSystems;
import dev.rollback.config.CiConfig;
import dev.rollback.core.retrain.CiException;
import dev.rollback.core.retrain.CiException.Kind;
import dev.rollback.core.retrain.CiSystem;
import dev.rollback.core.retrain.PipelineRun;
import dev.rollback.core.retrain.PipelineStatus;
import dev.rollback.core.retrain.PipelineStatus.State;
import dev.rollback.core.retrain.RetrainParameters;
import dev.rollback.testsupport.ci.CiTestRuntime;
import dev.rollback.testsupport.ci.GitHubRun;
import dev.rollback.testsupport.ci.GitHubStandIn;
import dev.rollback.testsupport.ci.RecordedRequest;
import dev.rollback.testsupport.ci.RecordingSleeper;
import dev.rollback.testsupport.ci.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The GitHub Actions adapter against the GitHub stand-in. Shapes from docs.github.com/en/rest/actions/workflows
 * ("Create a workflow dispatch event", with return_run_details per the 2026-02-19 changelog "Workflow dispatch
 * API now returns run IDs") and docs.github.com/en/rest/actions/workflow-runs ("List workflow runs for a
 * workflow", "Get a workflow run", "Cancel a workflow run": 202, 409 once completed).
 */
class GitHubActionsTest {

    private static final String TOKEN = "ghp_secret_token_abc";
    private static final RetrainParameters PARAMETERS =
            new RetrainParameters("recsys-ranker", "ds-2024-05-01", "v1.4.2", false, "rb-20250101-7f3a");

    private final GitHubStandIn github = new GitHubStandIn("ml", "recsys-training", "retrain.yml", TOKEN);
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void stop() {
        github.close();
        assertThat(github.violations()).isEmpty();
    }

    private CiSystem github() {
        CiConfig config = new CiConfig("github", github.uri(), "ml/recsys-training", "retrain.yml", null, "main", "GH_TOKEN",
                null, null, null, null, null);
        return CiSystems.create(config, Map.of("GH_TOKEN", TOKEN), null, CiTestRuntime.with(sleeper));
    }

    @Test
    void dispatchSendsTheDocumentedRequestAndUsesTheRunDetails() {
        PipelineRun run = github().trigger(PARAMETERS);

        RecordedRequest dispatch = github.requests().get(0);
        assertThat(dispatch.method()).isEqualTo("POST");
        assertThat(dispatch.path()).isEqualTo("/repos/ml/recsys-training/actions/workflows/retrain.yml/dispatches");
        assertThat(dispatch.header("Authorization")).hasValue("Bearer " + TOKEN);
        assertThat(dispatch.header("Accept")).hasValue("application/vnd.github+json");
        assertThat(dispatch.header("X-GitHub-Api-Version")).hasValue("2022-11-28");
        JsonNode body = dispatch.json();
        assertThat(body.toString()).isEqualTo("{\"ref\":\"main\",\"inputs\":{\"rollback_model_name\":\"recsys-ranker\","
                + "\"rollback_dataset_version\":\"ds-2024-05-01\",\"rollback_config_ref\":\"v1.4.2\","
                + "\"rollback_emergency\":\"false\",\"rollback_id\":\"rb-20250101-7f3a\"},\"return_run_details\":true}");

        GitHubRun started = github.runs().get(0);
        assertThat(run).isEqualTo(new PipelineRun("github", Long.toString(started.id),
                GitHubStandIn.htmlUrl("ml", "recsys-training", started.id)));
        assertThat(github.requests()).hasSize(1);
    }

    @Test
    void after204ItFindsTheRunItStartedAmongOlderOnesPollingUntilListed() {
        github.withoutRunDetails();
        github.seedRun(Instant.now().minusSeconds(3600), "main", "Retrain");
        github.seedRun(Instant.now(), "feature-x", "Retrain");
        github.hideNewRunsForLists(2);

        PipelineRun run = github().trigger(PARAMETERS);

        GitHubRun started = github.runs().get(2);
        assertThat(run.id()).isEqualTo(Long.toString(started.id));
        assertThat(run.url()).isEqualTo(GitHubStandIn.htmlUrl("ml", "recsys-training", started.id));
        List<RecordedRequest> lists = github.requests("GET", github.runsPath());
        assertThat(lists).hasSize(3);
        assertThat(lists.get(0).queryParameters()).containsEntry("event", "workflow_dispatch").containsEntry("branch", "main")
                .containsKey("per_page");
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void after204ARunTitledWithTheRollbackIdWinsOverANewerOne() {
        github.withoutRunDetails();
        github.titleRunsWithRollbackId();
        github.seedRun(Instant.now().plusSeconds(1), "main", "Retrain rb-someone-else");

        PipelineRun run = github().trigger(PARAMETERS);

        GitHubRun ours = github.runs().stream().filter(r -> r.title.contains("rb-20250101-7f3a")).findFirst().orElseThrow();
        assertThat(run.id()).isEqualTo(Long.toString(ours.id));
    }

    @Test
    void whenTheRunIsNeverListedItReturnsAPlaceholderThatStatusResolvesLater() {
        github.withoutRunDetails();
        github.hideNewRunsForLists(Integer.MAX_VALUE);
        CiSystem system = github();

        PipelineRun run = system.trigger(PARAMETERS);
        assertThat(run.id()).startsWith("dispatched:").endsWith(":rb-20250101-7f3a");
        assertThat(run.url()).isEqualTo(github.uri() + "/ml/recsys-training/actions");
        assertThat(github.requests("GET", github.runsPath())).hasSize(GitHubActions.FIND_ATTEMPTS);
        PipelineStatus notYet = system.status(run);
        assertThat(notYet.state()).isEqualTo(State.PENDING);
        assertThat(notYet.run()).isEqualTo(run);

        github.revealRuns();
        GitHubRun started = github.runs().get(0);
        PipelineStatus found = system.status(run);
        assertThat(found.state()).isEqualTo(State.PENDING);
        assertThat(found.detail()).isEqualTo("queued");
        assertThat(found.run()).isEqualTo(new PipelineRun("github", Long.toString(started.id),
                GitHubStandIn.htmlUrl("ml", "recsys-training", started.id)));
        system.cancel(run); // the placeholder resolves for cancel too
        assertThat(github.requests("POST", github.runPath(started.id) + "/cancel")).hasSize(1);
    }

    @Test
    void followsARunToSuccess() {
        github.statusesOfNextRun("queued", "in_progress", "completed/success");
        CiSystem system = github();
        PipelineRun run = system.trigger(PARAMETERS);
        assertThat(List.of(system.status(run).state(), system.status(run).state(), system.status(run).state()))
                .containsExactly(State.PENDING, State.RUNNING, State.SUCCEEDED);
        RecordedRequest get = github.requests("GET", github.runPath(Long.parseLong(run.id()))).get(0);
        assertThat(get.header("Authorization")).hasValue("Bearer " + TOKEN);
    }

    @Test
    void followsARunToFailure() {
        github.statusesOfNextRun("in_progress", "completed/failure");
        CiSystem system = github();
        PipelineRun run = system.trigger(PARAMETERS);
        assertThat(system.status(run).state()).isEqualTo(State.RUNNING);
        PipelineStatus last = system.status(run);
        assertThat(last.state()).isEqualTo(State.FAILED);
        assertThat(last.detail()).isEqualTo("completed/failure");
    }

    @Test
    void cancelIsAcceptedAndCancellingACompletedRunIsHarmless() {
        github.statusesOfNextRun("in_progress");
        CiSystem system = github();
        PipelineRun run = system.trigger(PARAMETERS);
        system.cancel(run);
        String cancelPath = github.runPath(Long.parseLong(run.id())) + "/cancel";
        assertThat(github.requests("POST", cancelPath)).hasSize(1);
        assertThat(system.status(run).state()).isEqualTo(State.CANCELED);

        system.cancel(run); // 409 from GitHub: already completed
        assertThat(github.requests("POST", cancelPath)).hasSize(2);
    }

    @Test
    void aSecondaryRateLimit403WithRetryAfterIsWaitedOutNotTakenAsARefusal() {
        github.script("POST", github.dispatchPath(), Reply.json(403, "{\"message\":\"You have exceeded a secondary rate limit.\"}")
                .header("Retry-After", "12"));
        assertThat(github().trigger(PARAMETERS).id()).isNotBlank();
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void anExhaustedRateLimitFailsAtOnceSayingHowLongToWait() {
        long reset = Instant.now().plusSeconds(1800).getEpochSecond();
        github.script("POST", github.dispatchPath(), Reply.json(403, "{\"message\":\"API rate limit exceeded\"}")
                .header("x-ratelimit-remaining", "0").header("x-ratelimit-reset", Long.toString(reset)));
        assertThatThrownBy(() -> github().trigger(PARAMETERS)).isInstanceOfSatisfying(CiException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("rate limit").containsPattern("wait 1[78]\\d\\d s");
        });
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void anUndeclaredInputIsRejectedWithGitHubsMessage() {
        github.script("POST", github.dispatchPath(),
                Reply.json(422, "{\"message\":\"Unexpected inputs provided: [\\\"rollback_emergency\\\"]\"}"));
        assertThatThrownBy(() -> github().trigger(PARAMETERS)).isInstanceOfSatisfying(CiException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.REJECTED);
            assertThat(e.getMessage()).isEqualTo("GitHub refused the request (422): Unexpected inputs provided: [\"rollback_emergency\"]");
        });
    }

    @Test
    void aWrongTokenIsAuthNamingThePermission() {
        CiConfig config = new CiConfig("github", github.uri(), "ml/recsys-training", "retrain.yml", null, "main", "GH_TOKEN",
                null, null, null, null, null);
        CiSystem system = CiSystems.create(config, Map.of("GH_TOKEN", "ghp_wrong"), null, CiTestRuntime.with(sleeper));
        assertThatThrownBy(() -> system.trigger(PARAMETERS)).isInstanceOfSatisfying(CiException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.AUTH);
            assertThat(e.getMessage()).startsWith("GitHub rejected the token (401): check it is valid and has actions:write")
                    .doesNotContain("ghp_wrong");
        });
    }

    @Test
    void describesTheWorkflow() {
        assertThat(github().describe()).isEqualTo("GitHub Actions workflow retrain.yml of ml/recsys-training at "
                + github.uri() + " (ref main)");
    }
}
