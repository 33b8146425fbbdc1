package dev.rollback.adapters.serving.argo;

import dev.rollback.core.infra.InfraChange;
import dev.rollback.core.infra.RolloutPhase;
import dev.rollback.core.infra.UndoRequest;
import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingSnapshot;
import dev.rollback.testsupport.kubernetes.ArgoRollouts;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Changing a Rollout driven by the test stand-in controller (not the real Argo Rollouts). */
@EnableKubernetesMockClient(crud = true)
class ArgoRolloutUndoTest {

    static KubernetesClient client;

    @Test
    void abortsACanaryThenRestoresTheStableTemplateSoTheRolloutEndsStable() {
        var argo = ArgoFixture.rolledOut(client, "u-abort", ArgoRollouts.steps(20, "pause"), Map.of()).release("models:/fraud/8");
        InfraChange change = argo.platform.planUndo(UndoRequest.previous());

        String done = argo.platform.apply(change.params(), argo.context("rollback INC-7"));

        GenericKubernetesResource written = argo.rollout();
        assertThat((Boolean) written.get("status", "abort")).as("status.abort set first, as 'kubectl argo rollouts abort' does").isTrue();
        assertThat(argo.binding.read().modelReference()).isEqualTo("models:/fraud/7");
        assertThat(written.getMetadata().getAnnotations()).containsEntry("kubernetes.io/change-cause", "rollback INC-7");
        assertThat(done).startsWith("aborted the update and set spec.template of Rollout u-abort/model-server to revision 1's template");
        assertThat(argo.progress).hasSize(2);

        argo.controller.start();
        RolloutOutcome outcome = argo.platform.awaitRollout(Duration.ofSeconds(10), p -> { });
        assertThat(outcome.complete()).as(outcome.summary()).isTrue();
        assertThat(outcome.summary()).isEqualTo("Rollout u-abort/model-server is Healthy: 5/5 updated, 5 ready, 5 available (revision 3)");
        var state = argo.platform.read();
        assertThat(state.phase()).isEqualTo(RolloutPhase.COMPLETE);
        Object abort = argo.rollout().get("status", "abort");
        assertThat(abort).as("the controller cleared the abort").isNull();
        assertThat(state.modelReference()).isEqualTo("models:/fraud/7");

        assertThat(argo.platform.apply(change.params(), argo.context("rollback INC-7"))).endsWith("; nothing to do");
        argo.controller.close();
    }

    @Test
    void abortsWhileTheControllerIsBusyWritingStatus() {
        var argo = ArgoFixture.rolledOut(client, "u-abort-busy", ArgoRollouts.steps(20, "pause"), Map.of()).release("models:/fraud/8");
        InfraChange change = argo.platform.planUndo(UndoRequest.previous());
        argo.controller.start();

        argo.platform.apply(change.params(), argo.context("rollback"));
        RolloutOutcome outcome = argo.platform.awaitRollout(Duration.ofSeconds(10), p -> { });
        argo.controller.close();

        assertThat(outcome.complete()).as(outcome.summary()).isTrue();
        assertThat(argo.platform.read().modelReference()).isEqualTo("models:/fraud/7");
        assertThat(argo.controller.lastError()).isNull();
    }

    @Test
    void revertOfAnAbortPutsTheCanaryTemplateBack() {
        var argo = ArgoFixture.rolledOut(client, "u-abort-revert", ArgoRollouts.steps(20, "pause"), Map.of()).release("models:/fraud/8");
        InfraChange change = argo.platform.planUndo(UndoRequest.previous());
        argo.platform.apply(change.params(), argo.context("rollback"));
        argo.settle();

        String reverted = argo.platform.revert(change.params(), argo.context("revert rollback"));
        argo.settle();

        assertThat(reverted).endsWith("Argo treats it as a new update, so the canary restarts from its first step");
        assertThat(argo.binding.read().modelReference()).isEqualTo("models:/fraud/8");
        assertThat(argo.platform.read().phaseDetail()).startsWith("paused: canary at step 1/2, 20% traffic to revision 4");
        assertThat(argo.platform.revert(change.params(), argo.context("revert rollback"))).endsWith("; nothing to do");
    }

    @Test
    void undoesToThePreviousRevisionAndRevertsToTheOriginal() {
        var argo = ArgoFixture.rolledOut(client, "u-previous", List.of(), Map.of()).release("models:/fraud/8");
        InfraChange change = argo.platform.planUndo(UndoRequest.previous());

        argo.platform.apply(change.params(), argo.context("rollback fraud 8 -> 7"));
        assertThat(argo.platform.apply(change.params(), argo.context("rollback fraud 8 -> 7"))).as("idempotent").endsWith("; nothing to do");
        argo.settle();

        var undone = argo.platform.read();
        assertThat(undone.revision()).as("Argo numbers a returning template as a new revision").isEqualTo("3");
        assertThat(undone.modelReference()).isEqualTo("models:/fraud/7");
        assertThat(undone.phase()).isEqualTo(RolloutPhase.COMPLETE);
        assertThat(argo.platform.history()).extracting(r -> r.number() + ":" + r.modelReference() + ":" + r.live())
                .containsExactly("2:models:/fraud/8:false", "3:models:/fraud/7:true");

        argo.platform.revert(change.params(), argo.context("revert"));
        argo.settle();
        assertThat(argo.platform.read().modelReference()).isEqualTo("models:/fraud/8");
        assertThat(argo.platform.read().revision()).isEqualTo("4");
    }

    @Test
    void undoesToAGivenRevision() {
        var argo = ArgoFixture.rolledOut(client, "u-given", List.of(), Map.of()).release("models:/fraud/8").release("models:/fraud/9");
        InfraChange change = argo.platform.planUndo(new UndoRequest(OptionalLong.of(1), false));

        argo.platform.apply(change.params(), argo.context("rollback to revision 1"));
        argo.settle();

        assertThat(argo.platform.read().modelReference()).isEqualTo("models:/fraud/7");
        assertThat(argo.platform.read().revision()).isEqualTo("4");
    }

    @Test
    void refusesToApplyOverAChangeMadeSinceThePlan() {
        var argo = ArgoFixture.rolledOut(client, "u-moved", List.of(), Map.of()).release("models:/fraud/8");
        InfraChange change = argo.platform.planUndo(UndoRequest.previous());
        argo.release("models:/fraud/9");

        assertThatThrownBy(() -> argo.platform.apply(change.params(), argo.context("rollback")))
                .isInstanceOfSatisfying(ServingException.class, e -> assertThat(e.kind()).isEqualTo(ServingException.Kind.CONFLICT))
                .hasMessageContaining("changed since the plan");
        assertThat(argo.binding.read().modelReference()).isEqualTo("models:/fraud/9");
    }

    @Test
    void aRolloutThatNeverBecomesReadyIsReportedWithItsPods() {
        var argo = ArgoFixture.rolledOut(client, "u-unready", List.of(), Map.of());
        argo.controller.neverReady().start();
        argo.binding.setModelReference(argo.binding.read(), "models:/fraud/8", "deploy");

        RolloutOutcome outcome = argo.binding.awaitRollout(Duration.ofMillis(1500), p -> { });
        assertThat(argo.controller.lastError()).isNull();
        argo.controller.close();

        assertThat(outcome.complete()).isFalse();
        assertThat(outcome.summary()).startsWith("Rollout u-unready/model-server not stable after 1s: rolling out revision 2"
                + " (a canary without steps); stable revision 1 serves until it is ready; 5/5 updated, 0 ready");
        assertThat(outcome.podProblems()).hasSize(5).allSatisfy(p -> assertThat(p)
                .matches("model-server-[a-z0-9]+-[a-z0-9]{5}: not ready: containers with unready status: \\[server sidecar]"));
    }

    @Test
    void setsTheModelReferenceAndRefusesAStaleResourceVersion() {
        var argo = ArgoFixture.rolledOut(client, "u-binding", List.of(), Map.of());
        ServingSnapshot before = argo.binding.read();
        assertThat(before.modelReference()).isEqualTo("models:/fraud/7");
        assertThat(argo.binding.describe()).isEqualTo("Rollout u-binding/model-server container server env MODEL_URI");

        client.genericKubernetesResources(ArgoRollouts.CONTEXT).inNamespace("u-binding").withName("model-server")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"team\":\"someone-else\"}}}");

        assertThatThrownBy(() -> argo.binding.setModelReference(before, "models:/fraud/6", "rollback"))
                .isInstanceOfSatisfying(ServingException.class, e -> assertThat(e.kind()).isEqualTo(ServingException.Kind.CONFLICT));
        assertThat(argo.binding.read().modelReference()).isEqualTo("models:/fraud/7");

        ServingSnapshot after = argo.binding.setModelReference(argo.binding.read(), "models:/fraud/6", "rollback INC-9");
        assertThat(after.modelReference()).isEqualTo("models:/fraud/6");
        assertThat(after.generation()).isEqualTo(before.generation() + 1);
        assertThat(argo.rollout().getMetadata().getAnnotations()).containsEntry("kubernetes.io/change-cause", "rollback INC-9");
    }
}
