package dev.rollback.e2e;

import dev.rollback.testsupport.CliResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.rollback.testsupport.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rollback model recsys --to healthy-baseline} on the 2 AM scenario: real MLflow, real S3
 * (moto), the fabric8 Kubernetes mock API server with the test Deployment controller.
 */
@EnableKubernetesMockClient(crud = true)
class ModelRollbackEndToEndTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path dir;

    @Test
    void rollsBackRegistryAndServingToTheHealthyBaselineAndRecordsEverything() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "e2e")) {
            CliResult result = stack.cli().run("model", "recsys", "--to", "healthy-baseline", "--yes",
                    "--reason", "diversity collapse", "--timeout", "20s");

            assertThat(result).succeeded().outContains(
                    "alias 'champion' of " + stack.model + ": 7 → 5",
                    "stage of " + stack.model + " v5: None → Production",
                    "stage of " + stack.model + " v7: Production → Archived",
                    "container server env MODEL_URI: " + stack.reference("7") + " → " + stack.reference("5"),
                    "rolled back recsys");
            assertThat(stack.isRolledBack()).as(stack.describe()).isTrue();
            String id = result.out().lines().filter(l -> l.startsWith("Rollback rb-")).findFirst().orElseThrow()
                    .split(" ")[1].replace(":", "");
            assertThat(stack.tag("7", "rollback.event_id")).isEqualTo(id);
            assertThat(stack.tag("5", "rollback.event_id")).isEqualTo(id);
            assertThat(stack.tag("7", "rollback.reason")).isEqualTo("diversity collapse");
            assertThat(stack.tag("7", "rollback.by")).isEqualTo("oncall@example.com");
            assertThat(stack.tag("7", "rollback.live_until")).isNotBlank();
            assertThat(stack.deploymentObject().getMetadata().getAnnotations())
                    .containsEntry("kubernetes.io/change-cause",
                            "rollback " + id + " by oncall@example.com: diversity collapse");
            Path journal = dir.resolve("state/journal/" + id + ".jsonl");
            assertThat(Files.readString(journal)).contains("\"type\":\"END\"", "\"outcome\":\"COMPLETED\"");

            CliResult status = stack.cli().run("status", "recsys");
            assertThat(status).outContains("v5", "alias champion + stage Production");
            CliResult history = stack.cli().run("history", "recsys");
            assertThat(history).succeeded().outContains(id, "v7 → v5", "oncall@example.com", "COMPLETED");
        }
    }

    @Test
    void verboseTellsTheCostAndItsRegistryRoundTripsAreWhatTheRegistrySaw() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "cost")) {
            int before = stack.registryProxy.log().size();

            CliResult result = stack.cli().run("--verbose", "model", "recsys", "--to", "healthy-baseline", "--yes",
                    "--timeout", "20s");

            assertThat(result).succeeded();
            Matcher cost = Pattern.compile("cost: (\\d+) ms of the tool's own work \\((\\d+)"
                    + " ms since the command started, (\\d+) ms of it waiting for the rollout\\); round trips: kubernetes (\\d+),"
                    + " registry (\\d+), s3 (\\d+)").matcher(result.err());
            assertThat(cost.find()).as(result.err()).isTrue();
            int registryTrips = stack.registryProxy.log().size() - before;
            assertThat(Integer.parseInt(cost.group(5))).isEqualTo(registryTrips);
            assertThat(Long.parseLong(cost.group(1)) + Long.parseLong(cost.group(3)))
                    .isEqualTo(Long.parseLong(cost.group(2)));
            assertThat(Long.parseLong(cost.group(3))).isPositive();
            assertThat(Integer.parseInt(cost.group(4))).as("lease, read, patch, rollout")
                    .isGreaterThanOrEqualTo(4);
            assertThat(Integer.parseInt(cost.group(6))).as("the target's artifact")
                    .isPositive();
        }
    }

    @Test
    void dryRunShowsThePlanAndChangesNothing() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "dry")) {
            CliResult result = stack.cli().run("model", "recsys", "--to", "healthy-baseline", "--dry-run");

            assertThat(result).succeeded().outContains("Preflight:", "Plan:", "rollout of Deployment",
                    "Not changed: feature pipeline").errContains("dry run: nothing was changed");
            assertThat(stack.isOriginal()).as(stack.describe()).isTrue();
            assertThat(dir.resolve("state/journal")).doesNotExist();
        }
    }

    @Test
    void withoutATerminalItRefusesUnlessYes() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "noyes")) {
            CliResult result = stack.cli().run("model", "recsys", "--to", "5");

            assertThat(result).exitedWith(7).errContains("stdin is not a terminal", "--yes");
            assertThat(stack.isOriginal()).as(stack.describe()).isTrue();
        }
    }

    @Test
    void aTerminalUserConfirms() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "confirm")) {
            CliResult declined = stack.cli().interactive(true).stdin("n\n").run("model", "recsys", "--to", "5");
            assertThat(declined).exitedWith(7).errContains("not confirmed");
            assertThat(stack.isOriginal()).isTrue();

            CliResult accepted = stack.cli().interactive(true).stdin("y\n").run("model", "recsys", "--to", "5",
                    "--timeout", "20s");
            assertThat(accepted).succeeded().errContains("Apply this rollback of recsys? [y/N]");
            assertThat(stack.isRolledBack()).as(stack.describe()).isTrue();
        }
    }

    @Test
    void jsonOutputHasThePlanAndTheOutcome() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "json")) {
            CliResult result = stack.cli().run("model", "recsys", "--to", "healthy-baseline", "--yes", "-o", "json",
                    "--timeout", "20s");

            assertThat(result).succeeded().outContains("\"kind\" : \"ModelRollback\"", "\"from\" : \"7\"",
                    "\"to\" : \"5\"", "\"result\" : \"COMPLETED\"", "\"type\" : \"serving.rollout\"");
            assertThat(result.out()).doesNotContain("Preflight:");
        }
    }
}
