package dev.rollback.adapters.serving.argo;

import dev.rollback.core.Refusal;
import dev.rollback.core.infra.InfraChange;
import dev.rollback.core.infra.RolloutPhase;
import dev.rollback.core.infra.ServingRevision;
import dev.rollback.core.infra.ServingState;
import dev.rollback.core.infra.UndoRequest;
import dev.rollback.testsupport.kubernetes.ArgoRollouts;
import dev.rollback.testsupport.kubernetes.Deployments;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading and planning against a Rollout driven by the test stand-in controller (not the real Argo Rollouts). */
@EnableKubernetesMockClient(crud = true)
class ArgoRolloutPlatformTest {

    static KubernetesClient client;

    @Test
    void readsTheRolledOutRevisionWithItsContent() {
        var argo = ArgoFixture.rolledOut(client, "a-read", ArgoRollouts.steps(20, "pause"), Map.of());

        ServingState state = argo.platform.read();

        assertThat(state.kind()).isEqualTo("argo-rollout");
        assertThat(state.object()).isEqualTo("Rollout a-read/model-server");
        assertThat(state.revision()).isEqualTo("1");
        assertThat(state.images()).containsExactly(Deployments.IMAGE, "registry.example.com/ml/metrics-agent:0.9");
        assertThat(state.modelReference()).isEqualTo("models:/fraud/7");
        assertThat(state.desired()).isEqualTo(5);
        assertThat(state.ready()).isEqualTo(5);
        assertThat(state.phase()).isEqualTo(RolloutPhase.COMPLETE);
        assertThat(state.gitOps()).isEmpty();
    }

    @Test
    void describesACanaryInProgressWithItsStepAndWeight() {
        var argo = ArgoFixture.rolledOut(client, "a-canary", ArgoRollouts.steps(20, "pause", 50, "pause"), Map.of()).release("models:/fraud/8");

        ServingState state = argo.platform.read();

        assertThat(state.phase()).isEqualTo(RolloutPhase.PROGRESSING);
        assertThat(state.phaseDetail()).isEqualTo("paused: canary at step 1/4, 20% traffic to revision 2, stable revision 1 serves the rest (CanaryPauseStep)");
        assertThat(state.revision()).isEqualTo("2");
        assertThat(state.modelReference()).isEqualTo("models:/fraud/8");
    }

    @Test
    void historyListsTheOwnedReplicaSetsWithTheStableOneLive() {
        var argo = ArgoFixture.rolledOut(client, "a-history", ArgoRollouts.steps(20, "pause"), Map.of()).release("models:/fraud/8");
        // a ReplicaSet with the Rollout's labels but no owner reference is not its history
        client.apps().replicaSets().inNamespace("a-history").resource(new ReplicaSetBuilder().withNewMetadata().withName("stranger")
                .addToLabels("app.kubernetes.io/name", "model-server").addToAnnotations("rollout.argoproj.io/revision", "9").endMetadata()
                .withNewSpec().withReplicas(0).withNewSelector().addToMatchLabels("app.kubernetes.io/name", "model-server").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/name", "model-server").endMetadata()
                .withNewSpec().addNewContainer().withName("x").withImage("x").endContainer().endSpec().endTemplate().endSpec().build()).create();

        List<ServingRevision> history = argo.platform.history();

        assertThat(history).extracting(ServingRevision::number).containsExactly(1L, 2L);
        assertThat(history.get(0)).satisfies(r -> {
            assertThat(r.live()).isTrue();
            assertThat(r.status()).isEqualTo("stable");
            assertThat(r.modelReference()).isEqualTo("models:/fraud/7");
            assertThat(r.images()).contains(Deployments.IMAGE);
            assertThat(r.createdAt()).isNotNull();
        });
        assertThat(history.get(1)).satisfies(r -> {
            assertThat(r.live()).isFalse();
            assertThat(r.status()).isEqualTo("canary");
            assertThat(r.modelReference()).isEqualTo("models:/fraud/8");
            assertThat(r.changeCause()).isEqualTo("deploy models:/fraud/8");
        });
    }

    @Test
    void plansAnAbortOfACanaryInProgressAndKeepsTemplatesOutOfTheParams() {
        var argo = ArgoFixture.rolledOut(client, "a-plan-abort", ArgoRollouts.steps(20, "pause"), Map.of()).release("models:/fraud/8");

        InfraChange change = argo.platform.planUndo(UndoRequest.previous());

        assertThat(change.action()).isEqualTo("abort the canary: traffic back to stable revision 1, then set spec.template back to"
                + " the stable one so the abort is not undone when someone un-aborts");
        assertThat(change.before()).startsWith("revision 2 (canary, 20% traffic): images " + Deployments.IMAGE).endsWith("model models:/fraud/8");
        assertThat(change.after()).startsWith("revision 1: images ").endsWith("model models:/fraud/7");
        assertThat(change.targetModelReference()).isEqualTo("models:/fraud/7");
        assertThat(change.params()).containsEntry("mode", "abort").containsEntry("toRevision", "1").containsEntry("fromRevision", "2")
                .containsEntry("wasAborted", "false").containsKeys("toHash", "fromHash", "resourceVersion");
        assertThat(String.join(" ", change.params().values())).doesNotContain("models:/", "registry.example.com");
        assertThat(change.notes()).anySatisfy(n -> assertThat(n).startsWith("abort vs undo:").contains("argo-rollouts#1614"));
    }

    @Test
    void describesAnAbortedCanaryAsStuckAndPlansToCompleteTheAbort() {
        var argo = ArgoFixture.rolledOut(client, "a-aborted", ArgoRollouts.steps(20, "pause"), Map.of()).release("models:/fraud/8");
        client.genericKubernetesResources(ArgoRollouts.CONTEXT).inNamespace("a-aborted").withName("model-server").subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"abort\":true}}");
        argo.settle();

        ServingState state = argo.platform.read();
        InfraChange change = argo.platform.planUndo(UndoRequest.previous());

        assertThat(state.phase()).isEqualTo(RolloutPhase.STUCK);
        assertThat(state.phaseDetail()).isEqualTo("aborted: Rollout aborted update to revision 2; traffic is back on stable revision 1"
                + " but spec.template still holds revision 2");
        assertThat(change.action()).startsWith("complete the aborted canary: traffic is already on stable revision 1;");
        assertThat(change.params()).containsEntry("wasAborted", "true");
    }

    @Test
    void plansAnUndoToThePreviousOrAGivenRevision() {
        var argo = ArgoFixture.rolledOut(client, "a-plan-undo", List.of(), Map.of()).release("models:/fraud/8").release("models:/fraud/9");

        InfraChange previous = argo.platform.planUndo(UndoRequest.previous());
        InfraChange given = argo.platform.planUndo(new UndoRequest(OptionalLong.of(1), false));

        assertThat(previous.action()).isEqualTo("undo to revision 2");
        assertThat(previous.targetModelReference()).isEqualTo("models:/fraud/8");
        assertThat(previous.before()).startsWith("revision 3: ").endsWith("model models:/fraud/9");
        assertThat(previous.params()).containsEntry("mode", "undo").containsEntry("fromRevision", "3").containsEntry("toRevision", "2");
        assertThat(given.action()).isEqualTo("undo to revision 1");
        assertThat(given.targetModelReference()).isEqualTo("models:/fraud/7");
    }

    @Test
    void refusesAnUnknownRevisionListingTheKnownOnes() {
        var argo = ArgoFixture.rolledOut(client, "a-unknown", List.of(), Map.of()).release("models:/fraud/8");

        assertThatThrownBy(() -> argo.platform.planUndo(new UndoRequest(OptionalLong.of(9), false)))
                .isInstanceOf(Refusal.class)
                .hasMessage("Rollout a-unknown/model-server has no revision 9; it remembers revisions 1, 2 (2 is in spec.template)");
    }

    @Test
    void refusesWhenTheHistoryIsTooShort() {
        var argo = ArgoFixture.rolledOut(client, "a-short", List.of(), Map.of());

        assertThatThrownBy(() -> argo.platform.planUndo(UndoRequest.previous()))
                .isInstanceOf(Refusal.class)
                .hasMessageStartingWith("history too short: Rollout a-short/model-server remembers only revision 1");
    }

    @Test
    void detectsArgoCdOwnershipAndSaysHowToPauseIt() {
        var argo = ArgoFixture.rolledOut(client, "a-gitops", List.of(), Map.of("argocd.argoproj.io/instance", "fraud-serving"))
                .release("models:/fraud/8");

        ServingState state = argo.platform.read();
        InfraChange change = argo.platform.planUndo(UndoRequest.previous());

        assertThat(state.gitOps()).hasValueSatisfying(owner -> {
            assertThat(owner.tool()).isEqualTo("Argo CD");
            assertThat(owner.pause()).isEqualTo("argocd app set fraud-serving --sync-policy none");
        });
        assertThat(change.notes()).anySatisfy(n -> assertThat(n).startsWith("Argo CD manages Rollout a-gitops/model-server")
                .endsWith("run 'argocd app set fraud-serving --sync-policy none' first"));
    }
}
