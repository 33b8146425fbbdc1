package dev.rollback.e2e;

import dev.rollback.adapters.lock.kubernetes.LeaseLockManager;
import dev.rollback.core.lock.HeldLock;
import dev.rollback.core.lock.LockOwner;
import dev.rollback.testsupport.CliResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static dev.rollback.testsupport.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rollback infra} and the serving side of {@code status} through the CLI, on the RollbackStack: real
 * MLflow and S3 (moto), fabric8's mock API server in CRUD mode with the test stand-in for the deployment
 * controller. The stack starts at revision 1 (image 1.4.2, model v7); each test releases on top of it.
 */
@EnableKubernetesMockClient(crud = true)
class InfraRollbackEndToEndTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path dir;

    @Test
    void undoesABadImageToThePreviousRevisionAndJournalsIt() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "infra-undo")) {
            stack.release("1.5.0", "7");

            CliResult result = stack.cli().run("infra", "recsys", "--yes", "--reason", "memory leak", "--timeout", "20s");

            assertThat(result).succeeded().outContains("Deployment " + stack.namespace + "/model-server revision 2 → 1",
                    "undo to revision 1: revision 2: " + RollbackStack.image("1.5.0"), "→ revision 1: "
                            + RollbackStack.image("1.4.2"), "the model stays " + stack.reference("7"),
                    "Not changed: model registry (rollback model)", "rolled back recsys");
            assertThat(stack.servedImage()).isEqualTo(RollbackStack.image("1.4.2"));
            assertThat(stack.revision()).isEqualTo("3");
            String id = result.out().lines().filter(l -> l.startsWith("Rollback rb-")).findFirst().orElseThrow()
                    .split(" ")[1].replace(":", "");
            assertThat(stack.deploymentObject().getMetadata().getAnnotations()).containsEntry("kubernetes.io/change-cause",
                    "rollback " + id + " by oncall@example.com: memory leak");
            String journal = Files.readString(dir.resolve("state/journal/" + id + ".jsonl"));
            assertThat(journal).contains("\"kind\":\"infra\"", "\"type\":\"serving.undo\"", "\"outcome\":\"COMPLETED\"");
            assertThat(stack.cli().run("history", "recsys")).succeeded().outContains(id, "SERVING_ROLLBACK",
                    "revision 2 → 1");

            CliResult again = stack.cli().run("infra", "recsys", "--yes");
            assertThat(again).exitedWith(7).errContains("is itself a rollback", "would restore revision 2",
                    "--to-revision N");
            assertThat(stack.servedImage()).isEqualTo(RollbackStack.image("1.4.2"));
        }
    }

    @Test
    void historyListsRevisionsWithImagesModelAndChangeCause() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "infra-history")) {
            stack.release("1.5.0", "7");

            CliResult table = stack.cli().run("infra", "recsys", "--history");
            CliResult json = stack.cli().run("infra", "recsys", "--history", "-o", "json");

            assertThat(table).succeeded().outContains("REVISION", "1", "2 (live)", RollbackStack.image("1.5.0"),
                    stack.reference("7"), "release 1.5.0");
            assertThat(json).succeeded().outContains("\"kind\" : \"ServingHistory\"", "\"revision\" : 2",
                    "\"live\" : true", "\"changeCause\" : \"release 1.5.0\"");
        }
    }

    @Test
    void toAGivenRevisionAndAnUnknownOne() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "infra-to")) {
            stack.release("1.5.0", "7");
            stack.release("1.5.1", "7");

            CliResult unknown = stack.cli().run("infra", "recsys", "--to-revision", "9", "--yes");
            assertThat(unknown).exitedWith(7).errContains("has no revision 9; revisions kept: 1, 2, 3 (live: 3)");
            assertThat(stack.servedImage()).isEqualTo(RollbackStack.image("1.5.1"));

            CliResult to1 = stack.cli().run("infra", "recsys", "--to-revision", "1", "--yes", "--timeout", "20s");
            assertThat(to1).succeeded();
            assertThat(stack.servedImage()).isEqualTo(RollbackStack.image("1.4.2"));
        }
    }

    @Test
    void aRolloutThatNeverBecomesReadyIsUndoneAndTheOriginalRestored() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "infra-never")) {
            stack.release("1.5.0", "7");
            stack.controller.failPodsWith("ImagePullBackOff");

            CliResult result = stack.cli().run("infra", "recsys", "--yes", "--timeout", "2s");

            assertThat(result).exitedWith(8).outContains("rollback failed and was undone", "ImagePullBackOff");
            stack.controller.heal();
            assertThat(stack.servedImage()).isEqualTo(RollbackStack.image("1.5.0"));
        }
    }

    @Test
    void aHeldLockStopsItAtOnceNamingTheHolder() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "infra-lock")) {
            stack.release("1.5.0", "7");
            LeaseLockManager locks = new LeaseLockManager(client, stack.namespace, Clock.systemUTC());
            try (HeldLock held = locks.acquire("recsys", new LockOwner("alice@laptop", 4242), Duration.ofSeconds(30), false)) {
                CliResult result = stack.cli().run("infra", "recsys", "--yes");

                assertThat(result).exitedWith(11).errContains("alice@laptop");
                assertThat(stack.servedImage()).isEqualTo(RollbackStack.image("1.5.0"));
            }
        }
    }

    @Test
    void aReleaseThatChangedTheModelTooGetsTheRunbookAdviceOrBothInOnePlan() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "infra-both")) {
            stack.release("1.4.2", "5");
            stack.release("1.5.0", "7");

            CliResult refused = stack.cli().run("infra", "recsys", "--yes");
            assertThat(refused).exitedWith(7).errContains("this release changed the model too ("
                    + stack.reference("5") + " → " + stack.reference("7") + ")", "roll back the model first",
                    "'rollback model recsys --to previous'", "--both");
            assertThat(stack.servedImage()).isEqualTo(RollbackStack.image("1.5.0"));

            CliResult both = stack.cli().run("infra", "recsys", "--both", "--to", "5", "--yes", "--timeout", "20s");
            assertThat(both).succeeded().outContains("alias 'champion' of " + stack.model + ": 7 → 5",
                    "undo to revision 2", "model v7 → v5");
            assertThat(stack.alias()).isEqualTo("5");
            assertThat(stack.servedReference()).isEqualTo(stack.reference("5"));
            assertThat(stack.servedImage()).isEqualTo(RollbackStack.image("1.4.2"));
            assertThat(stack.tag("7", "rollback.role")).isEqualTo("rolled_back_from");
        }
    }

    @Test
    void aModelRollbackAfterAReleaseThatChangedServingTooSaysTheRunbookOrder() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "infra-advice")) {
            stack.release("1.4.2", "5");
            CliResult modelOnly = stack.cli().run("model", "recsys", "--to", "5", "--dry-run");
            assertThat(modelOnly).succeeded();
            assertThat(modelOnly.out()).doesNotContain("runbook");

            stack.release("1.5.0", "7");
            CliResult result = stack.cli().run("model", "recsys", "--to", "5", "--dry-run");

            assertThat(result).succeeded().outContains("runbook", "the live serving revision 3 changed the images too ("
                    + RollbackStack.image("1.4.2"), "model first (this rollback), check the metrics, then 'rollback infra "
                    + "recsys'", "--both");

            stack.kubernetes.apps().deployments().inNamespace(stack.namespace).withName(stack.deployment).edit(d -> {
                d.getMetadata().getAnnotations().put("argocd.argoproj.io/tracking-id", "recsys:apps/Deployment:x/y");
                return d;
            });
            assertThat(stack.cli().run("model", "recsys", "--to", "5", "--dry-run")).succeeded()
                    .outContains("gitops", "managed by Argo CD", "argocd app set recsys --sync-policy none");
        }
    }

    @Test
    void statusShowsTheServingSideAndDrift() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "infra-status")) {
            CliResult healthy = stack.cli().run("status", "recsys");
            assertThat(healthy).outContains("SERVING", "Deployment " + stack.namespace + "/model-server", "2/2",
                    "complete", stack.reference("7"));
            assertThat(healthy.out()).doesNotContain("drift");

            assertThat(stack.cli().run("model", "recsys", "--to", "5", "--registry-only", "--yes")).succeeded();
            CliResult drift = stack.cli().run("status", "recsys");
            assertThat(drift).exitedWith(10).outContains("drift: Deployment " + stack.namespace + "/model-server serves "
                    + stack.reference("7") + ", but the registry's live version is v5 (" + stack.reference("5") + ")",
                    "'rollback model recsys --to 7'");
            CliResult json = stack.cli().run("status", "recsys", "-o", "json");
            assertThat(json).outContains("\"code\" : \"SERVING_DRIFT\"", "\"modelReference\" : \"" + stack.reference("7"),
                    "\"readyReplicas\" : 2");
        }
    }
}
