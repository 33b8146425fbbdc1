package dev.rollback.e2e;

import dev.rollback.core.drill.StateSnapshot;
import dev.rollback.core.drill.StateSnapshots;
import dev.rollback.core.journal.Outcome;
import dev.rollback.core.plan.RollbackRunner;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.testsupport.faults.FaultProxy.Fault;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A drill's last act on real components: the state after a drill (v6 released as the bad release, then rolled
 * back to the healthy baseline v5, both by the real {@code rollback model}) is put back to the snapshot taken
 * before it, through the real executor, journal, lock, MLflow and Kubernetes adapters.
 */
@EnableKubernetesMockClient(crud = true)
class DrillRestoreEndToEndTest {

    static KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void restoresRegistryAndServingExactlyAsTheyWereBeforeTheDrill() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "restore")) {
            DrillRestoreFixture drill = new DrillRestoreFixture(stack);
            StateSnapshot original = drill.snapshots.capture();
            drill.releaseAndRollBack("6");
            drill.registry.deleteVersionTag(stack.model, "5", "rollback.healthy_baseline"); // a tag the drill removed
            StateSnapshot afterDrill = drill.snapshots.capture();
            assertThat(StateSnapshots.differences(original, afterDrill)).contains(
                    "alias champion: v7 → v5", "stage of v5: None → Production", "stage of v7: Production → Archived",
                    "v5 tag rollback.healthy_baseline: true → (none)", "v7 tag rollback.role: (none) → rolled_back_from",
                    "serving: " + stack.reference("7") + " → " + stack.reference("5"));

            List<StepSpec> steps = drill.snapshots.restoreSteps(original, afterDrill);
            RollbackRunner.Run run = drill.restore(steps);

            assertThat(run.result().outcome()).as(run.result().failure().orElse("")).isEqualTo(Outcome.COMPLETED);
            assertThat(StateSnapshots.differences(original, drill.snapshots.capture())).isEmpty();
            assertThat(stack.servedReference()).isEqualTo(stack.reference("7"));
            assertThat(stack.isOriginal()).as(stack.describe()).isTrue();
            assertThat(stack.tag("5", "rollback.healthy_baseline")).isEqualTo("true");
            assertThat(Files.readString(drill.journalDir.resolve(run.journal().id() + ".jsonl")))
                    .contains("\"outcome\":\"COMPLETED\"");
        }
    }

    @Test
    void putsTagsFirstAndServingLastAndNeverArchivesOtherVersions() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "order")) {
            DrillRestoreFixture drill = new DrillRestoreFixture(stack);
            StateSnapshot original = drill.snapshots.capture();
            drill.releaseAndRollBack("6");

            List<String> types = drill.snapshots.restoreSteps(original, drill.snapshots.capture()).stream()
                    .map(StepSpec::type).distinct().toList();

            assertThat(types).containsExactly("registry.tag", "registry.stage", "registry.alias",
                    "serving.model-reference", "serving.rollout");
            drill.restore(drill.snapshots.restoreSteps(original, drill.snapshots.capture()));
            // v4 and v6 back in Production next to v7, as seeded: a restore moves each stage on its own
            assertThat(List.of(stack.stage("4"), stack.stage("6"), stack.stage("7")))
                    .containsOnly("Production");
        }
    }

    @Test
    void aRestoreStepThatFailsIsUndoneAndTheDifferencesStillListEverything() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "fault")) {
            DrillRestoreFixture drill = new DrillRestoreFixture(stack);
            StateSnapshot original = drill.snapshots.capture();
            drill.releaseAndRollBack("6");
            StateSnapshot afterDrill = drill.snapshots.capture();
            List<String> before = StateSnapshots.differences(original, afterDrill);
            // the third tag removal is refused: two tags were already restored, and must be put back
            stack.registryProxy.inject(Fault.status("DELETE", "model-versions/delete-tag", 3, 500));

            RollbackRunner.Run run = drill.restore(drill.snapshots.restoreSteps(original, afterDrill));

            assertThat(run.result().outcome()).isEqualTo(Outcome.REVERTED);
            assertThat(run.result().failure()).hasValueSatisfying(f -> assertThat(f).startsWith("step 3 (tag '"));
            assertThat(run.result().compensated()).containsExactlyInAnyOrder(0, 1, 2);
            List<String> after = StateSnapshots.differences(original, drill.snapshots.capture());
            assertThat(after).as(stack.registryProxy.log().toString()).isEqualTo(before);
            assertThat(StateSnapshots.differences(afterDrill, drill.snapshots.capture())).isEmpty();
            assertThat(stack.servedReference()).isEqualTo(stack.reference("5"));
        }
    }

    @Test
    void removesAnAliasTheDrillCreated() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "newalias")) {
            DrillRestoreFixture drill = new DrillRestoreFixture(stack);
            StateSnapshot original = drill.snapshots.capture();
            drill.registry.setAlias(stack.model, "challenger", "6");

            RollbackRunner.Run run = drill.restore(drill.snapshots.restoreSteps(original, drill.snapshots.capture()));

            assertThat(run.result().outcome()).as(run.result().failure().orElse("")).isEqualTo(Outcome.COMPLETED);
            assertThat(drill.registry.resolveAlias(stack.model, "challenger")).isEmpty();
            assertThat(StateSnapshots.differences(original, drill.snapshots.capture())).isEmpty();
        }
    }
}
