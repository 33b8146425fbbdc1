package dev.rollback.adapters.serving.kserve;

import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingSnapshot;
import dev.rollback.testsupport.kubernetes.InferenceServices;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The storageUri binding against the test stand-in for KServe and Knative (not the real ones). */
@EnableKubernetesMockClient(crud = true)
class KServeBindingTest {

    static KubernetesClient client;

    @Test
    void setsTheStorageUriAndWaitsForTheNewRevision() {
        var kserve = KServeFixture.rolledOut(client, "b-set", false, Map.of());
        ServingSnapshot before = kserve.binding.read();
        assertThat(before.modelReference()).isEqualTo("s3://models/fraud/7");
        assertThat(before.revision()).isEqualTo("fraud-predictor-00001");

        ServingSnapshot after = kserve.binding.setModelReference(before, "s3://models/fraud/6", "rollback fraud 7 -> 6");

        assertThat(after.modelReference()).isEqualTo("s3://models/fraud/6");
        assertThat(after.generation()).isEqualTo(before.generation() + 1);
        assertThat(kserve.isvc().getMetadata().getAnnotations()).containsEntry("kubernetes.io/change-cause", "rollback fraud 7 -> 6");
        assertThat(kserve.binding.awaitRollout(Duration.ofMillis(300), p -> { }).complete())
                .as("the old revision is Ready with all traffic, but it is not the new one").isFalse();
        kserve.controller.start();
        RolloutOutcome outcome = kserve.binding.awaitRollout(Duration.ofSeconds(10), p -> { });
        kserve.controller.close();
        assertThat(outcome.complete()).as(outcome.summary()).isTrue();
        assertThat(outcome.summary()).isEqualTo("InferenceService b-set/fraud is Ready: 100% fraud-predictor-00002 (latest)");
        assertThat(kserve.binding.read().revision()).isEqualTo("fraud-predictor-00002");
    }

    @Test
    void readsAndSetsTheOlderFrameworkField() {
        var kserve = KServeFixture.rolledOut(client, "b-legacy", true, Map.of());

        kserve.binding.setModelReference(kserve.binding.read(), "gs://models/fraud/6", "rollback");

        assertThat((String) kserve.isvc().get("spec", "predictor", "sklearn", "storageUri")).isEqualTo("gs://models/fraud/6");
        assertThat(kserve.binding.read().modelReference()).isEqualTo("gs://models/fraud/6");
        assertThat(kserve.platform.read().modelReference()).isEqualTo("gs://models/fraud/6");
    }

    @Test
    void refusesAStaleResourceVersion() {
        var kserve = KServeFixture.rolledOut(client, "b-stale", false, Map.of());
        ServingSnapshot before = kserve.binding.read();
        client.genericKubernetesResources(InferenceServices.CONTEXT).inNamespace("b-stale").withName("fraud")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"team\":\"someone-else\"}}}");

        assertThatThrownBy(() -> kserve.binding.setModelReference(before, "s3://models/fraud/6", "rollback"))
                .isInstanceOfSatisfying(ServingException.class, e -> assertThat(e.kind()).isEqualTo(ServingException.Kind.CONFLICT));
        assertThat(kserve.binding.read().modelReference()).isEqualTo("s3://models/fraud/7");
    }

    @Test
    void aRevisionThatNeverBecomesReadyIsReportedWithTheConditionAndThePod() {
        var kserve = KServeFixture.rolledOut(client, "b-unready", false, Map.of());
        kserve.controller.neverReady().start();

        kserve.binding.setModelReference(kserve.binding.read(), "s3://models/fraud/6", "rollback");
        RolloutOutcome outcome = kserve.binding.awaitRollout(Duration.ofSeconds(1), p -> { });
        kserve.controller.close();

        assertThat(outcome.complete()).isFalse();
        assertThat(outcome.summary()).isEqualTo("InferenceService b-unready/fraud not ready after 1s: PredictorReady Unknown (RevisionMissing:"
                + " Configuration \"fraud-predictor\" is waiting for a Revision to become ready.)");
        assertThat(outcome.podProblems()).contains("fraud-predictor-00002-deployment-7d4b9-x2k4p: not ready: containers with unready status:"
                + " [kserve-container queue-proxy]");
        assertThat(kserve.platform.read().phase()).isEqualTo(dev.rollback.core.infra.RolloutPhase.PROGRESSING);
    }
}
