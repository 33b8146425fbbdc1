package dev.rollback.adapters.serving.kubernetes;

import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.ContainerEnv;
import dev.rollback.core.Refusal;
import dev.rollback.core.infra.ChangeContext;
import dev.rollback.core.infra.InfraChange;
import dev.rollback.core.infra.RolloutPhase;
import dev.rollback.core.infra.ServingRevision;
import dev.rollback.core.infra.ServingState;
import dev.rollback.core.infra.UndoRequest;
import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.ServingException;
import dev.rollback.testsupport.kubernetes.DeploymentController;
import dev.rollback.testsupport.kubernetes.Deployments;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code rollback infra} on a Deployment, against fabric8's mock API server (CRUD mode) with the test
 * stand-in for the deployment controller (DeploymentController), which keeps ReplicaSet revisions the way
 * kube-controller-manager does. Each test builds a history of three releases:
 * 1 = image 1.4.2 / model 7, 2 = image 1.5.0 / model 7, 3 = image 1.5.1 / model 7.
 */
@EnableKubernetesMockClient(crud = true)
class DeploymentPlatformTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    private static final ChangeContext CONTEXT = new ChangeContext("rollback rb-1 by oncall: bad image",
            Duration.ofSeconds(10), line -> { });

    @Test
    void historyShowsEachRevisionsImagesModelAndChangeCauseWithTheLiveOneMarked() {
        try (var controller = threeReleases("p-history")) {
            List<ServingRevision> history = platform("p-history").history();

            assertThat(history).extracting(ServingRevision::number).containsExactly(1L, 2L, 3L);
            assertThat(history).extracting(ServingRevision::live).containsExactly(false, false, true);
            assertThat(history.get(1).images()).first().isEqualTo(image("1.5.0"));
            assertThat(history).extracting(ServingRevision::modelReference).containsOnly("models:/fraud/7");
            assertThat(history.get(2).changeCause()).isEqualTo("release 1.5.1");
            assertThat(history.get(0).createdAt()).isNotNull();
        }
    }

    @Test
    void readSaysRevisionImagesModelReplicasAndRollout() {
        try (var controller = threeReleases("p-read")) {
            ServingState state = platform("p-read").read();

            assertThat(state.revision()).isEqualTo("3");
            assertThat(state.images()).containsExactly(image("1.5.1"), "registry.example.com/ml/metrics-agent:0.9");
            assertThat(state.modelReference()).isEqualTo("models:/fraud/7");
            assertThat(state.desired()).isEqualTo(2);
            assertThat(state.ready()).isEqualTo(2);
            assertThat(state.phase()).isEqualTo(RolloutPhase.COMPLETE);
            assertThat(state.gitOps()).isEmpty();
        }
    }

    @Test
    void undoGoesToThePreviousRevisionAndWaitsForIt() {
        try (var controller = threeReleases("p-undo")) {
            DeploymentPlatform platform = platform("p-undo");
            InfraChange change = platform.planUndo(UndoRequest.previous());
            assertThat(change.action()).isEqualTo("undo to revision 2");
            assertThat(change.before()).startsWith("revision 3: " + image("1.5.1"));
            assertThat(change.after()).startsWith("revision 2: " + image("1.5.0"));
            assertThat(change.targetModelReference()).isEqualTo("models:/fraud/7");

            platform.apply(change.params(), CONTEXT);
            controller.start();
            RolloutOutcome outcome = platform.awaitRollout(Duration.ofSeconds(10), p -> { });

            assertThat(outcome.complete()).as(outcome.summary()).isTrue();
            Deployment d = deployment("p-undo");
            assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(image("1.5.0"));
            assertThat(d.getMetadata().getAnnotations()).containsEntry("kubernetes.io/change-cause", CONTEXT.changeCause())
                    .containsEntry("deployment.kubernetes.io/revision", "4");
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("pod-template-hash");
        }
    }

    @Test
    void undoToAGivenRevisionThenRevertRestoresTheOriginal() {
        try (var controller = threeReleases("p-to")) {
            DeploymentPlatform platform = platform("p-to");
            InfraChange change = platform.planUndo(new UndoRequest(OptionalLong.of(1), false));
            controller.start();

            platform.apply(change.params(), CONTEXT);
            assertThat(platform.awaitRollout(Duration.ofSeconds(10), p -> { }).complete()).isTrue();
            assertThat(image(deployment("p-to"))).isEqualTo(image("1.4.2"));

            platform.revert(change.params(), CONTEXT);
            assertThat(platform.awaitRollout(Duration.ofSeconds(10), p -> { }).complete()).isTrue();
            assertThat(image(deployment("p-to"))).isEqualTo(image("1.5.1"));
        }
    }

    @Test
    void applyingTwiceChangesOnce() {
        try (var controller = threeReleases("p-twice")) {
            DeploymentPlatform platform = platform("p-twice");
            InfraChange change = platform.planUndo(UndoRequest.previous());
            platform.apply(change.params(), CONTEXT);
            controller.reconcileOnce();
            String version = deployment("p-twice").getMetadata().getResourceVersion();

            assertThat(platform.apply(change.params(), CONTEXT)).startsWith("already at the template of revision 2");
            assertThat(deployment("p-twice").getMetadata().getResourceVersion()).isEqualTo(version);
        }
    }

    @Test
    void aTemplateChangedAfterPlanningIsNotOverwritten() {
        try (var controller = threeReleases("p-race")) {
            DeploymentPlatform platform = platform("p-race");
            InfraChange change = platform.planUndo(UndoRequest.previous());
            release("p-race", "1.6.0", controller);

            assertThatThrownBy(() -> platform.apply(change.params(), CONTEXT)).isInstanceOf(ServingException.class)
                    .hasMessageContaining("someone else changed it; nothing was overwritten")
                    .extracting(e -> ((ServingException) e).kind()).isEqualTo(ServingException.Kind.CONFLICT);
            assertThat(image(deployment("p-race"))).isEqualTo(image("1.6.0"));
        }
    }

    @Test
    void aJournalPlannedAgainstAnotherClusterChangesNothingHere() {
        try (var controller = threeReleases("p-cluster")) {
            DeploymentPlatform platform = platform("p-cluster");
            java.util.Map<String, String> params = new java.util.HashMap<>(platform.planUndo(UndoRequest.previous()).params());
            assertThat(params).containsEntry("cluster", String.valueOf(client.getMasterUrl()));
            params.put("cluster", "https://prod-eu.example.com:6443/");

            assertThatThrownBy(() -> platform.apply(params, CONTEXT)).isInstanceOf(ServingException.class)
                    .hasMessageContaining("planned against the cluster at https://prod-eu.example.com:6443/")
                    .hasMessageContaining("--context");
            assertThatThrownBy(() -> platform.revert(params, CONTEXT)).isInstanceOf(ServingException.class);
            assertThat(image(deployment("p-cluster"))).isEqualTo(image("1.5.1"));
        }
    }

    @Test
    void anUnknownRevisionIsRefusedWithTheOnesKept() {
        try (var controller = threeReleases("p-unknown")) {
            assertThatThrownBy(() -> platform("p-unknown").planUndo(new UndoRequest(OptionalLong.of(9), false)))
                    .isInstanceOf(Refusal.class)
                    .hasMessage("Deployment p-unknown/model-server has no revision 9; revisions kept: 1, 2, 3 (live: 3)");
            assertThatThrownBy(() -> platform("p-unknown").planUndo(new UndoRequest(OptionalLong.of(3), false)))
                    .isInstanceOf(Refusal.class).hasMessageContaining("revision 3 is already live");
        }
    }

    @Test
    void aHistoryTooShortIsReportedBeforeAnythingChanges() {
        client.resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(
                Deployments.modelServer("p-short", "model-server", "server", "models:/fraud/7", 1))
                .editSpec().withRevisionHistoryLimit(0).endSpec().build()).create();
        try (var controller = new DeploymentController(client, "p-short")) {
            controller.reconcileOnce();
            release("p-short", "1.5.0", controller);
            String version = deployment("p-short").getMetadata().getResourceVersion();

            assertThatThrownBy(() -> platform("p-short").planUndo(UndoRequest.previous())).isInstanceOf(Refusal.class)
                    .hasMessageContaining("has no earlier revision to go back to: only revision 2 is kept")
                    .hasMessageContaining("revisionHistoryLimit: 0");
            assertThat(deployment("p-short").getMetadata().getResourceVersion()).isEqualTo(version);
        }
    }

    @Test
    void aRolloutThatNeverBecomesReadyNamesTheFailingPods() {
        try (var controller = threeReleases("p-never")) {
            DeploymentPlatform platform = platform("p-never");
            controller.failPodsWith("CrashLoopBackOff").start();
            platform.apply(platform.planUndo(UndoRequest.previous()).params(), CONTEXT);

            RolloutOutcome outcome = platform.awaitRollout(Duration.ofSeconds(1), p -> { });

            assertThat(outcome.complete()).isFalse();
            assertThat(outcome.podProblems()).isNotEmpty().allSatisfy(p -> assertThat(p).contains("CrashLoopBackOff"));
        }
    }

    @Test
    void anArgoCdTrackedDeploymentIsReportedAsGitOpsManaged() {
        client.resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(
                Deployments.modelServer("p-gitops", "model-server", "server", "models:/fraud/7", 1))
                .editMetadata().addToAnnotations("argocd.argoproj.io/tracking-id",
                        "recsys-prod:apps/Deployment:p-gitops/model-server").endMetadata().build()).create();
        try (var controller = new DeploymentController(client, "p-gitops")) {
            controller.reconcileOnce();
            ServingState state = platform("p-gitops").read();

            assertThat(state.gitOps()).hasValueSatisfying(owner -> {
                assertThat(owner.tool()).isEqualTo("Argo CD");
                assertThat(owner.pause()).isEqualTo("argocd app set recsys-prod --sync-policy none");
            });
        }
    }

    // ---- fixtures ----

    private static DeploymentController threeReleases(String namespace) {
        client.resource(Deployments.modelServer(namespace, "model-server", "server", "models:/fraud/7", 2)).create();
        var controller = new DeploymentController(client, namespace);
        controller.reconcileOnce();
        release(namespace, "1.5.0", controller);
        release(namespace, "1.5.1", controller);
        return controller;
    }

    /** A new image, as CI would deploy it (with a change cause, as kubectl annotate does). */
    private static void release(String namespace, String tag, DeploymentController controller) {
        // JSON Patch: the mock server merges arrays on a merge patch, unlike the real API server
        client.apps().deployments().inNamespace(namespace).withName("model-server").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"add\",\"path\":\"/metadata/annotations/kubernetes.io~1change-cause\",\"value\":\"release "
                        + tag + "\"},{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\""
                        + image(tag) + "\"}]");
        controller.reconcileOnce();
        controller.reconcileOnce();
    }

    private static DeploymentPlatform platform(String namespace) {
        return new DeploymentPlatform(client, namespace, "model-server", new ContainerEnv("server", "MODEL_URI"));
    }

    private static Deployment deployment(String namespace) {
        return client.apps().deployments().inNamespace(namespace).withName("model-server").get();
    }

    private static String image(String tag) {
        return Deployments.IMAGE.replace("1.4.2", tag);
    }

    private static String image(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }
}
