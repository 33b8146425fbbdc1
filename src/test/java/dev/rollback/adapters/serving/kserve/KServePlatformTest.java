package dev.rollback.adapters.serving.kserve;

import dev.rollback.core.Refusal;
import dev.rollback.core.infra.InfraChange;
import dev.rollback.core.infra.RolloutPhase;
import dev.rollback.core.infra.ServingRevision;
import dev.rollback.core.infra.ServingState;
import dev.rollback.core.infra.UndoRequest;
import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.ServingException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against an InferenceService driven by the test stand-in for KServe and Knative (not the real ones). */
@EnableKubernetesMockClient(crud = true)
class KServePlatformTest {

    static KubernetesClient client;

    @Test
    void readsTheRolledOutRevisionAndModel() {
        var kserve = KServeFixture.rolledOut(client, "k-read", false, Map.of());

        ServingState state = kserve.platform.read();

        assertThat(state.kind()).isEqualTo("kserve");
        assertThat(state.object()).isEqualTo("InferenceService k-read/fraud");
        assertThat(state.revision()).isEqualTo("fraud-predictor-00001");
        assertThat(state.modelReference()).isEqualTo("s3://models/fraud/7");
        assertThat(state.desired()).isEqualTo(-1);
        assertThat(state.ready()).isEqualTo(-1);
        assertThat(state.phase()).isEqualTo(RolloutPhase.COMPLETE);
        assertThat(state.gitOps()).isEmpty();
    }

    @Test
    void describesACanaryAndItsHistory() {
        var kserve = KServeFixture.rolledOut(client, "k-canary", false, Map.of()).canary("s3://models/fraud/8", 10);

        ServingState state = kserve.platform.read();
        List<ServingRevision> history = kserve.platform.history();

        assertThat(state.phase()).isEqualTo(RolloutPhase.PROGRESSING);
        assertThat(state.phaseDetail()).isEqualTo("canary: 10% to latest revision fraud-predictor-00002, 90% to previous fraud-predictor-00001");
        assertThat(state.revision()).isEqualTo("fraud-predictor-00001");
        assertThat(history).extracting(ServingRevision::number, ServingRevision::status, ServingRevision::live, ServingRevision::modelReference)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, "rolled out, 90% traffic (fraud-predictor-00001)", true, ""),
                        org.assertj.core.groups.Tuple.tuple(2L, "canary, 10% traffic (fraud-predictor-00002)", false, "s3://models/fraud/8"));
        assertThat(history.get(1).changeCause()).isEqualTo("canary s3://models/fraud/8");
    }

    @Test
    void setsTheCanaryToZeroAndRevertsIt() {
        var kserve = KServeFixture.rolledOut(client, "k-zero", false, Map.of()).canary("s3://models/fraud/8", 10);
        InfraChange change = kserve.platform.planUndo(UndoRequest.previous());
        assertThat(change.action()).isEqualTo("set canary traffic 10% → 0%: all traffic back to previous revision fraud-predictor-00001");
        assertThat(change.before()).isEqualTo("canary: 10% to latest revision fraud-predictor-00002 (model s3://models/fraud/8),"
                + " 90% to previous revision fraud-predictor-00001");
        assertThat(change.params()).containsEntry("canaryTrafficPercent", "10").containsEntry("previousRevision", "fraud-predictor-00001");

        String done = kserve.platform.apply(change.params(), kserve.context("rollback INC-3"));

        assertThat(done).isEqualTo("set spec.predictor.canaryTrafficPercent of InferenceService k-zero/fraud from 10 to 0:"
                + " all traffic back to previous revision fraud-predictor-00001");
        assertThat((Integer) kserve.isvc().get("spec", "predictor", "canaryTrafficPercent")).isZero();
        assertThat(kserve.isvc().getMetadata().getAnnotations()).containsEntry("kubernetes.io/change-cause", "rollback INC-3");
        assertThat(kserve.platform.apply(change.params(), kserve.context("rollback INC-3"))).endsWith("is already 0; nothing to do");
        RolloutOutcome pending = kserve.platform.awaitRollout(Duration.ofMillis(300), p -> { });
        assertThat(pending.complete()).as("KServe has not routed the change yet").isFalse();
        assertThat(pending.summary()).contains("traffic is 10% fraud-predictor-00002 (latest), 90% fraud-predictor-00001 (prev), not yet what spec asks");

        kserve.controller.start();
        RolloutOutcome outcome = kserve.platform.awaitRollout(Duration.ofSeconds(10), p -> { });
        assertThat(outcome.complete()).as(outcome.summary()).isTrue();
        assertThat(outcome.summary()).isEqualTo("InferenceService k-zero/fraud is Ready: 0% fraud-predictor-00002 (latest), 100% fraud-predictor-00001 (prev)");
        assertThat(kserve.platform.read().phaseDetail())
                .isEqualTo("canary at 0%: all traffic on previous revision fraud-predictor-00001, none to latest revision fraud-predictor-00002");
        assertThatThrownBy(() -> kserve.platform.planUndo(UndoRequest.previous())).isInstanceOf(Refusal.class)
                .hasMessageStartingWith("nothing to undo: the canary on InferenceService k-zero/fraud is already at 0%");

        assertThat(kserve.platform.revert(change.params(), kserve.context("revert"))).endsWith("back to 10: 10% to latest revision fraud-predictor-00002 again");
        assertThat(kserve.platform.awaitRollout(Duration.ofSeconds(10), p -> { }).complete()).isTrue();
        assertThat(kserve.platform.read().phaseDetail()).startsWith("canary: 10% to latest revision fraud-predictor-00002");
        assertThat(kserve.platform.revert(change.params(), kserve.context("revert"))).endsWith("is already 10; nothing to do");
        kserve.controller.close();
    }

    @Test
    void refusesToApplyOverAChangeMadeSinceThePlan() {
        var kserve = KServeFixture.rolledOut(client, "k-moved", false, Map.of()).canary("s3://models/fraud/8", 10);
        InfraChange change = kserve.platform.planUndo(UndoRequest.previous());
        kserve.canary("s3://models/fraud/8", 50);

        assertThatThrownBy(() -> kserve.platform.apply(change.params(), kserve.context("rollback")))
                .isInstanceOfSatisfying(ServingException.class, e -> assertThat(e.kind()).isEqualTo(ServingException.Kind.CONFLICT));
        assertThat((Integer) kserve.isvc().get("spec", "predictor", "canaryTrafficPercent")).isEqualTo(50);
    }

    @Test
    void refusesWithoutACanaryAndPointsAtRollbackModel() {
        var kserve = KServeFixture.rolledOut(client, "k-nocanary", false, Map.of());

        assertThatThrownBy(() -> kserve.platform.planUndo(UndoRequest.previous())).isInstanceOf(Refusal.class)
                .hasMessage("no canary in progress on InferenceService k-nocanary/fraud; to serve another model run"
                        + " 'rollback model <service> --to previous' (re-points storageUri)");
    }

    @Test
    void saysWhenABrokenCanaryGetsNoTrafficToTakeBack() {
        var kserve = KServeFixture.rolledOut(client, "k-broken", false, Map.of());
        kserve.controller.neverReady();
        kserve.canary("s3://models/fraud/8", 10);

        assertThatThrownBy(() -> kserve.platform.planUndo(UndoRequest.previous())).isInstanceOf(Refusal.class)
                .hasMessageStartingWith("no canary in progress on InferenceService k-broken/fraud (latest revision fraud-predictor-00002"
                        + " is not ready, so KServe routes no traffic to it)");
        assertThat(kserve.platform.read().phaseDetail()).startsWith("PredictorReady Unknown (RevisionMissing");
    }

    @Test
    void refusesARevisionNumberSinceKServeKeepsNoHistory() {
        var kserve = KServeFixture.rolledOut(client, "k-revision", false, Map.of()).canary("s3://models/fraud/8", 10);

        assertThatThrownBy(() -> kserve.platform.planUndo(new UndoRequest(OptionalLong.of(1), false))).isInstanceOf(Refusal.class)
                .hasMessageStartingWith("InferenceService k-revision/fraud cannot go back to revision 1: KServe keeps no revision history"
                        + " to choose from, only the previous rolled-out revision (fraud-predictor-00001)");
    }

    @Test
    void detectsFluxOwnership() {
        var kserve = KServeFixture.rolledOut(client, "k-flux", false, Map.of("kustomize.toolkit.fluxcd.io/name", "serving",
                "kustomize.toolkit.fluxcd.io/namespace", "flux-system")).canary("s3://models/fraud/8", 20);

        assertThat(kserve.platform.read().gitOps()).hasValueSatisfying(owner ->
                assertThat(owner.pause()).isEqualTo("flux suspend kustomization serving -n flux-system"));
        assertThat(kserve.platform.planUndo(UndoRequest.previous()).notes())
                .anySatisfy(n -> assertThat(n).startsWith("Flux manages InferenceService k-flux/fraud"));
    }
}
