package dev.rollback.adapters.ci.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.rollback.testsupport.ci.GitLabStandIn;
import dev.rollback.testsupport.ci.RecordedRequest;
import dev.rollback.testsupport.ci.RecordingSleeper;
import dev.rollback.testsupport.ci.Reply;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The GitLab adapter against the GitLab stand-in. Request shapes from docs.gitlab.com/ee/api/pipeline_triggers.html
 * ("Trigger a pipeline with a token": form token, ref, variables[KEY]; :id the URL-encoded path) and
 * docs.gitlab.com/ee/api/pipelines.html ("Get a single pipeline", "Cancel a pipeline's jobs", PRIVATE-TOKEN).
 */
class GitLabCiTest {

    private static final String TRIGGER = "glptt-trigger-secret-123";
    private static final String API = "glpat-api-secret-456";
    private static final RetrainParameters PARAMETERS =
            new RetrainParameters("recsys-ranker", "ds-2024-05-01", "v1.4.2", true, "rb-20250101-7f3a");

    private final GitLabStandIn gitlab = new GitLabStandIn("ml/recsys-training", 4711, TRIGGER, API);
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void stop() {
        gitlab.close();
        assertThat(gitlab.violations()).isEmpty();
    }

    private CiSystem gitlab(String project, boolean withApiToken) {
        CiConfig config = new CiConfig("gitlab", gitlab.uri(), project, null, null, "main", "GL_TRIGGER", null,
                withApiToken ? "GL_API" : null, null, null, null);
        return CiSystems.create(config, Map.of("GL_TRIGGER", TRIGGER, "GL_API", API), null, CiTestRuntime.with(sleeper));
    }

    private CiSystem gitlab() {
        return gitlab("ml/recsys-training", true);
    }

    @Test
    void triggerPostsTheDocumentedFormToTheUrlEncodedProjectPath() {
        PipelineRun run = gitlab().trigger(PARAMETERS);

        RecordedRequest request = gitlab.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v4/projects/ml%2Frecsys-training/trigger/pipeline");
        assertThat(request.header("Content-Type")).hasValue("application/x-www-form-urlencoded");
        assertThat(request.form()).containsExactly(
                Map.entry("token", TRIGGER), Map.entry("ref", "main"),
                Map.entry("variables[ROLLBACK_MODEL_NAME]", "recsys-ranker"),
                Map.entry("variables[ROLLBACK_DATASET_VERSION]", "ds-2024-05-01"),
                Map.entry("variables[ROLLBACK_CONFIG_REF]", "v1.4.2"),
                Map.entry("variables[ROLLBACK_EMERGENCY]", "true"),
                Map.entry("variables[ROLLBACK_ID]", "rb-20250101-7f3a"));
        assertThat(request.header("PRIVATE-TOKEN")).isEmpty();

        long id = Long.parseLong(run.id());
        assertThat(run).isEqualTo(new PipelineRun("gitlab", run.id(), gitlab.webUrl(id)));
        assertThat(gitlab.pipeline(id).variables).containsEntry("ROLLBACK_DATASET_VERSION", "ds-2024-05-01");
    }

    @Test
    void aNumericProjectIdIsUsedAsIs() {
        gitlab("4711", true).trigger(PARAMETERS);
        assertThat(gitlab.requests().get(0).path()).isEqualTo("/api/v4/projects/4711/trigger/pipeline");
    }

    @Test
    void theDescriptionAndPreviewShowTheRequestWithTheTokenMasked() {
        CiSystem system = gitlab();
        assertThat(system.describe()).isEqualTo("GitLab project ml/recsys-training at " + gitlab.uri() + " (ref main)");
        var preview = system.preview(PARAMETERS);
        assertThat(preview.url()).isEqualTo(gitlab.uri() + "/api/v4/projects/ml%2Frecsys-training/trigger/pipeline");
        assertThat(preview.body()).startsWith("token=***&ref=main&variables%5BROLLBACK_MODEL_NAME%5D=recsys-ranker&")
                .doesNotContain(TRIGGER);
    }

    @Test
    void followsAPipelineToSuccessWithTheApiToken() {
        gitlab.statusesOfNextPipeline("created", "pending", "running", "success");
        CiSystem system = gitlab();
        PipelineRun run = system.trigger(PARAMETERS);
        assertThat(system.canFollow()).isTrue();

        List<State> states = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            PipelineStatus status = system.status(run);
            states.add(status.state());
            assertThat(status.run()).isEqualTo(run);
        }
        assertThat(states).containsExactly(State.PENDING, State.PENDING, State.RUNNING, State.SUCCEEDED);
        RecordedRequest get = gitlab.requests().get(1);
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.path()).isEqualTo("/api/v4/projects/ml%2Frecsys-training/pipelines/" + run.id());
        assertThat(get.header("PRIVATE-TOKEN")).hasValue(API);
    }

    @Test
    void followsAPipelineToFailure() {
        gitlab.statusesOfNextPipeline("running", "failed");
        CiSystem system = gitlab();
        PipelineRun run = system.trigger(PARAMETERS);
        assertThat(system.status(run).state()).isEqualTo(State.RUNNING);
        PipelineStatus last = system.status(run);
        assertThat(last.state()).isEqualTo(State.FAILED);
        assertThat(last.detail()).isEqualTo("failed");
    }

    @Test
    void cancelPostsToTheCancelEndpointAndThePipelineEndsCanceled() {
        gitlab.statusesOfNextPipeline("running");
        CiSystem system = gitlab();
        PipelineRun run = system.trigger(PARAMETERS);
        system.cancel(run);
        RecordedRequest cancel = gitlab.requests("POST", "/api/v4/projects/ml%2Frecsys-training/pipelines/" + run.id() + "/cancel").get(0);
        assertThat(cancel.header("PRIVATE-TOKEN")).hasValue(API);
        assertThat(system.status(run).state()).isEqualTo(State.CANCELED);
        system.cancel(run); // already finished: harmless
    }

    @Test
    void withoutAnApiTokenItCanNeitherFollowNorCancelAndSaysWhatToConfigure() {
        CiSystem system = gitlab("ml/recsys-training", false);
        PipelineRun run = system.trigger(PARAMETERS);
        assertThat(system.canFollow()).isFalse();
        assertThat(system.canCancel()).isFalse();
        assertThatThrownBy(() -> system.status(run)).isInstanceOfSatisfying(CiException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.AUTH);
            assertThat(e.getMessage()).contains("apiTokenEnv").contains("read_api").doesNotContain(TRIGGER);
        });
        assertThatThrownBy(() -> system.cancel(run)).isInstanceOfSatisfying(CiException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.AUTH));
        assertThat(gitlab.requests()).hasSize(1);
    }

    @Test
    void aWrongTriggerTokenIsNotFoundAsGitLabAnswers404AndTheMessageSaysSo() {
        CiConfig config = new CiConfig("gitlab", gitlab.uri(), "ml/recsys-training", null, null, "main", "GL_TRIGGER",
                null, null, null, null, null);
        CiSystem system = CiSystems.create(config, Map.of("GL_TRIGGER", "glptt-wrong-999"), null, CiTestRuntime.with(sleeper));
        assertThatThrownBy(() -> system.trigger(PARAMETERS)).isInstanceOfSatisfying(CiException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
            assertThat(e.getMessage()).contains("ml/recsys-training").contains("trigger token").doesNotContain("glptt-wrong-999");
        });
    }

    @Test
    void aWrongApiTokenIsAuthNamingTheScope() {
        CiConfig config = new CiConfig("gitlab", gitlab.uri(), "ml/recsys-training", null, null, "main", "GL_TRIGGER",
                null, "GL_API", null, null, null);
        CiSystem system = CiSystems.create(config, Map.of("GL_TRIGGER", TRIGGER, "GL_API", "glpat-wrong-000"), null,
                CiTestRuntime.with(sleeper));
        PipelineRun run = system.trigger(PARAMETERS);
        assertThatThrownBy(() -> system.status(run)).isInstanceOfSatisfying(CiException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.AUTH);
            assertThat(e.getMessage()).isEqualTo("GitLab rejected the API token (401): check it is valid and has the read_api"
                    + " scope and at least Reporter access to ml/recsys-training; GitLab said: 401 Unauthorized");
        });
    }

    @Test
    void anUnknownRefIsRejectedWithGitLabsOwnWords() {
        CiConfig config = new CiConfig("gitlab", gitlab.uri(), "ml/recsys-training", null, null, "no-such-branch",
                "GL_TRIGGER", null, null, null, null, null);
        CiSystem system = CiSystems.create(config, Map.of("GL_TRIGGER", TRIGGER), null, CiTestRuntime.with(sleeper));
        assertThatThrownBy(() -> system.trigger(PARAMETERS)).isInstanceOfSatisfying(CiException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.REJECTED);
            assertThat(e.getMessage()).isEqualTo("GitLab refused the request (400): base: Reference not found");
        });
    }

    @Test
    void anUnknownPipelineIsNotFound() {
        assertThatThrownBy(() -> gitlab().status(new PipelineRun("gitlab", "123", ""))).isInstanceOfSatisfying(
                CiException.class, e -> assertThat(e.getMessage()).isEqualTo("GitLab pipeline 123 of project ml/recsys-training"
                        + " not found at " + gitlab.uri() + " (or the API token cannot see it)"));
    }

    @Test
    void aStatusReadIsRetriedAfterA500AndAfterATimeoutUnlikeTheTrigger() {
        CiSystem system = CiSystems.create(new CiConfig("gitlab", gitlab.uri(), "ml/recsys-training", null, null, "main",
                "GL_TRIGGER", null, "GL_API", null, null, null), Map.of("GL_TRIGGER", TRIGGER, "GL_API", API), null,
                CiTestRuntime.with(sleeper, Clock.systemUTC(), Duration.ofMillis(400)));
        PipelineRun run = system.trigger(PARAMETERS);
        String path = "/api/v4/projects/ml%2Frecsys-training/pipelines/" + run.id();
        gitlab.script("GET", path, Reply.json(500, "{}"), Reply.json(200, "{}").after(Duration.ofMillis(1500)));
        assertThat(system.status(run).state()).isEqualTo(State.PENDING);
        assertThat(gitlab.requests("GET", path)).hasSize(3);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
}
