package dev.rollback.adapters.ci.jenkins;

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
import dev.rollback.testsupport.ci.JenkinsStandIn;
import dev.rollback.testsupport.ci.RecordedRequest;
import dev.rollback.testsupport.ci.RecordingSleeper;
import dev.rollback.testsupport.ci.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Jenkins adapter against the Jenkins stand-in. Shapes from jenkins.io/doc/book/using/remote-access-api/
 * (buildWithParameters → 201 + Location queue item; queue item api/json → executable; build api/json →
 * building/result) and jenkins.io/doc/book/security/csrf-protection/ (crumb + session cookie since 2.176.2).
 */
class JenkinsCiTest {

    private static final String TOKEN = "11a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7";
    private static final String JOB = "/job/ml/job/retrain";
    private static final RetrainParameters PARAMETERS =
            new RetrainParameters("recsys-ranker", "ds-2024-05-01", "v1.4.2", true, "rb-20250101-7f3a");

    private final JenkinsStandIn jenkins = new JenkinsStandIn("alice", TOKEN, "ml/retrain");
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void stop() {
        jenkins.close();
        assertThat(jenkins.violations()).isEmpty();
    }

    private CiSystem jenkins() {
        CiConfig config = new CiConfig("jenkins", jenkins.uri(), null, null, "ml/retrain", "main", "JENKINS_TOKEN", null,
                null, null, "alice", null);
        return CiSystems.create(config, Map.of("JENKINS_TOKEN", TOKEN), null, CiTestRuntime.with(sleeper));
    }

    @Test
    void triggerFetchesACrumbAndSendsItWithTheSessionCookieOnThePost() {
        PipelineRun run = jenkins().trigger(PARAMETERS);

        RecordedRequest crumb = jenkins.requests().get(0);
        assertThat(crumb.method() + " " + crumb.path()).isEqualTo("GET /crumbIssuer/api/json");
        RecordedRequest post = jenkins.requests().get(1);
        assertThat(post.method() + " " + post.path()).isEqualTo("POST " + JOB + "/buildWithParameters");
        assertThat(post.header("Authorization")).hasValue("Basic "
                + Base64.getEncoder().encodeToString(("alice:" + TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(post.header("Jenkins-Crumb")).isPresent();
        assertThat(post.header("Cookie")).hasValueSatisfying(c -> assertThat(c).startsWith("JSESSIONID.4f2a1c3b=node0"));
        assertThat(post.form()).containsExactly(Map.entry("ROLLBACK_MODEL_NAME", "recsys-ranker"),
                Map.entry("ROLLBACK_DATASET_VERSION", "ds-2024-05-01"), Map.entry("ROLLBACK_CONFIG_REF", "v1.4.2"),
                Map.entry("ROLLBACK_EMERGENCY", "true"), Map.entry("ROLLBACK_ID", "rb-20250101-7f3a"));

        assertThat(run).isEqualTo(new PipelineRun("jenkins", "queue:41", jenkins.uri() + "/queue/item/41/"));
        assertThat(jenkins.item(41).parameters).containsEntry("ROLLBACK_ID", "rb-20250101-7f3a");
    }

    @Test
    void aDisabledCrumbIssuerIsTolerated() {
        jenkins.withoutCrumbIssuer();
        PipelineRun run = jenkins().trigger(PARAMETERS);
        RecordedRequest post = jenkins.requests("POST", JOB + "/buildWithParameters").get(0);
        assertThat(post.header("Jenkins-Crumb")).isEmpty();
        assertThat(post.header("Cookie")).isEmpty();
        assertThat(run.id()).isEqualTo("queue:41");
    }

    @Test
    void followsTheQueueItemToItsBuildAndItsResult() {
        jenkins.queueWaits(2);
        jenkins.buildSequence("building", "SUCCESS");
        CiSystem system = jenkins();
        PipelineRun queued = system.trigger(PARAMETERS);

        PipelineStatus first = system.status(queued);
        assertThat(first.state()).isEqualTo(State.PENDING);
        assertThat(first.detail()).isEqualTo("queued: Waiting for next available executor");
        assertThat(first.run()).isEqualTo(queued);
        assertThat(system.status(queued).state()).isEqualTo(State.PENDING);

        PipelineStatus building = system.status(queued);
        assertThat(building.state()).isEqualTo(State.RUNNING);
        assertThat(building.run()).isEqualTo(new PipelineRun("jenkins", "build:7", jenkins.uri() + JOB + "/7/"));

        PipelineStatus done = system.status(building.run()); // the refined run works on its own
        assertThat(done.state()).isEqualTo(State.SUCCEEDED);
        assertThat(done.detail()).isEqualTo("SUCCESS");
        assertThat(system.status(queued).state()).isEqualTo(State.SUCCEEDED); // and so does the original
    }

    @Test
    void anUnstableBuildIsAFailedRetrain() {
        jenkins.queueWaits(0);
        jenkins.buildSequence("UNSTABLE");
        CiSystem system = jenkins();
        PipelineStatus status = system.status(system.trigger(PARAMETERS));
        assertThat(status.state()).isEqualTo(State.FAILED);
        assertThat(status.detail()).isEqualTo("UNSTABLE");
    }

    @Test
    void urlsInJenkinsAnswersAreNotFollowedToAnotherHost() {
        jenkins.rootUrl("http://jenkins.internal.invalid:8080");
        jenkins.queueWaits(0);
        CiSystem system = jenkins();
        PipelineRun run = system.trigger(PARAMETERS);
        assertThat(run.url()).isEqualTo(jenkins.uri() + "/queue/item/41/");
        assertThat(system.status(run).run().url()).isEqualTo(jenkins.uri() + JOB + "/7/");
    }

    @Test
    void cancelWhileQueuedCancelsTheQueueItemWithACrumb() {
        jenkins.queueWaits(100);
        CiSystem system = jenkins();
        PipelineRun run = system.trigger(PARAMETERS);
        system.cancel(run);
        RecordedRequest cancel = jenkins.requests("POST", "/queue/cancelItem").get(0);
        assertThat(cancel.queryParameters()).containsEntry("id", "41");
        assertThat(cancel.header("Jenkins-Crumb")).isPresent();
        assertThat(system.status(run).state()).isEqualTo(State.CANCELED);
        assertThat(jenkins.requests("POST", JOB + "/7/stop")).isEmpty();
    }

    @Test
    void cancelWhileBuildingStopsTheBuild() {
        jenkins.queueWaits(0);
        jenkins.buildSequence("building");
        CiSystem system = jenkins();
        PipelineRun run = system.trigger(PARAMETERS);
        system.cancel(run);
        RecordedRequest stop = jenkins.requests("POST", JOB + "/7/stop").get(0);
        assertThat(stop.header("Jenkins-Crumb")).isPresent();
        assertThat(jenkins.requests("POST", "/queue/cancelItem")).isEmpty();
        PipelineStatus after = system.status(run);
        assertThat(after.state()).isEqualTo(State.CANCELED);
        assertThat(after.detail()).isEqualTo("ABORTED");
    }

    @Test
    void whenTheItemLeavesTheQueueJustBeforeTheCancelItsBuildIsStopped() {
        jenkins.queueWaits(1);
        jenkins.buildSequence("building");
        jenkins.script("POST", "/queue/cancelItem", Reply.html(404, "Error 404 Provided id (41) not found"));
        CiSystem system = jenkins();
        PipelineRun run = system.trigger(PARAMETERS);
        system.cancel(run);
        assertThat(jenkins.requests("POST", "/queue/cancelItem")).hasSize(1);
        assertThat(jenkins.requests("POST", JOB + "/7/stop")).hasSize(1);
        assertThat(system.status(run).state()).isEqualTo(State.CANCELED);
    }

    @Test
    void cancellingAFinishedBuildSendsNothing() {
        jenkins.queueWaits(0);
        jenkins.buildSequence("FAILURE");
        CiSystem system = jenkins();
        PipelineRun run = system.trigger(PARAMETERS);
        int before = jenkins.requests().size();
        system.cancel(run);
        assertThat(jenkins.requests().subList(before, jenkins.requests().size()))
                .allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
    }

    @Test
    void aCoalescedTriggerStillGivesTheQueueItem() {
        jenkins.script("POST", JOB + "/buildWithParameters",
                Reply.empty(303).header("Location", jenkins.uri() + "/queue/item/40/"));
        assertThat(jenkins().trigger(PARAMETERS).id()).isEqualTo("queue:40");
    }

    @Test
    void aRedirectWithoutAQueueItemIsRejected() {
        jenkins.script("POST", JOB + "/buildWithParameters", Reply.empty(302).header("Location", jenkins.uri() + JOB + "/"));
        assertThatThrownBy(() -> jenkins().trigger(PARAMETERS)).isInstanceOfSatisfying(CiException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.REJECTED);
            assertThat(e.getMessage()).contains("queued no build of ml/retrain");
        });
    }

    @Test
    void aForgottenQueueItemIsNotFoundSayingWhy() {
        assertThatThrownBy(() -> jenkins().status(new PipelineRun("jenkins", "queue:999", ""))).isInstanceOfSatisfying(
                CiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("queue item 999 is gone").contains("forgets");
                });
    }

    @Test
    void aWrongTokenIsAuthWithJenkinsOwnWordsAndNoToken() {
        CiConfig config = new CiConfig("jenkins", jenkins.uri(), null, null, "ml/retrain", "main", "JENKINS_TOKEN", null,
                null, null, "alice", null);
        CiSystem system = CiSystems.create(config, Map.of("JENKINS_TOKEN", "wrong-token-1"), null, CiTestRuntime.with(sleeper));
        assertThatThrownBy(() -> system.trigger(PARAMETERS)).isInstanceOfSatisfying(CiException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.AUTH);
            assertThat(e.getMessage()).isEqualTo("Jenkins rejected the API token of user alice (401): check it is valid and"
                    + " the user may build job ml/retrain (Job/Build permission); Jenkins said: Error 401 Invalid"
                    + " password/token for user: alice");
        });
    }

    @Test
    void thePreviewShowsTheCrumbAndCookieMasked() {
        var preview = jenkins().preview(PARAMETERS);
        assertThat(preview.headers()).contains("Authorization: Basic ***", "Jenkins-Crumb: ***", "Cookie: ***");
        assertThat(preview.body()).isEqualTo("ROLLBACK_MODEL_NAME=recsys-ranker&ROLLBACK_DATASET_VERSION=ds-2024-05-01"
                + "&ROLLBACK_CONFIG_REF=v1.4.2&ROLLBACK_EMERGENCY=true&ROLLBACK_ID=rb-20250101-7f3a");
        assertThat(jenkins().describe()).isEqualTo("Jenkins job ml/retrain at " + jenkins.uri() + " (as alice)");
    }
}
