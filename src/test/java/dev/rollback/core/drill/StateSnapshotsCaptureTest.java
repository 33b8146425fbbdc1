package dev.rollback.core.drill;

import dev.rollback.core.drill.StateSnapshot.VersionState;
import dev.rollback.e2e.DrillRestoreFixture;
import dev.rollback.e2e.RollbackStack;
import dev.rollback.testsupport.mlflow.RecsysScenario;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots of the 2 AM scenario, read from the real MLflow server and the Deployment on the mock API server. */
@EnableKubernetesMockClient(crud = true)
class StateSnapshotsCaptureTest {

    static KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void capturesAliasesEveryStageEveryTagAndTheServedReference() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "capture")) {
            StateSnapshot snapshot = new DrillRestoreFixture(stack).snapshots.capture();

            assertThat(snapshot.model()).isEqualTo(stack.model);
            assertThat(snapshot.aliases()).containsExactly(Map.entry("champion", "7"));
            assertThat(snapshot.versions()).hasSize(7);
            RecsysScenario.STAGE.forEach((version, stage) ->
                    assertThat(snapshot.versions().get(version).stage()).as("stage of v" + version).isEqualTo(stage));
            assertThat(snapshot.versions().get("5").tags()).containsExactly(Map.entry("rollback.healthy_baseline", "true"));
            snapshot.versions().forEach((version, state) -> {
                if (!version.equals("5")) {
                    assertThat(state.tags()).as("tags of v" + version).isEmpty();
                }
            });
            assertThat(snapshot.servingReference()).isEqualTo(stack.reference("7"));
        }
    }

    @Test
    void twoCapturesOfTheSameStateAreEqualAndDifferInNothing() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "same")) {
            StateSnapshots snapshots = new DrillRestoreFixture(stack).snapshots;
            StateSnapshot first = snapshots.capture();
            stack.seeder.transitionStage(stack.model, "2", "None"); // a write that changes only the timestamp

            StateSnapshot second = snapshots.capture();

            assertThat(second).isEqualTo(first);
            assertThat(second.toString()).isEqualTo(first.toString());
            assertThat(StateSnapshots.differences(first, second)).isEmpty();
        }
    }

    @Test
    void differencesNameEachRealChangeFromOriginalToNow() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "diff")) {
            DrillRestoreFixture fixture = new DrillRestoreFixture(stack);
            StateSnapshot original = fixture.snapshots.capture();
            stack.seeder.setAlias(stack.model, "champion", "5");
            stack.seeder.transitionStage(stack.model, "5", "Staging");
            stack.seeder.setVersionTag(stack.model, "7", "note", "line one\nline two");
            fixture.registry.deleteVersionTag(stack.model, "5", "rollback.healthy_baseline");
            stack.release("1.5.0", "5");

            StateSnapshot now = fixture.snapshots.capture();

            assertThat(StateSnapshots.differences(original, now)).containsExactly(
                    "alias champion: v7 → v5",
                    "stage of v5: None → Staging",
                    "v5 tag rollback.healthy_baseline: true → (none)",
                    "v7 tag note: (none) → line one\\nline two",
                    "serving: " + stack.reference("7") + " → " + stack.reference("5"));
        }
    }

    @Test
    void versionsAreOrderedByNumberAndAVersionRegisteredSinceIsADifference() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "newver")) {
            StateSnapshots snapshots = new DrillRestoreFixture(stack).snapshots;
            StateSnapshot original = snapshots.capture();
            for (int v = 8; v <= 10; v++) {
                stack.seeder.createModelVersion(stack.model, RecsysScenario.sourceOf(stack.model, String.valueOf(v)),
                        null);
            }

            StateSnapshot now = snapshots.capture();

            assertThat(now.versions().keySet()).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
            assertThat(now.versions().get("10")).isEqualTo(VersionState.of("None", Map.of()));
            assertThat(StateSnapshots.differences(original, now)).containsExactly(
                    "v8: (none) → registered", "v9: (none) → registered", "v10: (none) → registered");
            assertThat(snapshots.restoreSteps(original, now)).as("a restore never deletes a version").isEmpty();
        }
    }
}
