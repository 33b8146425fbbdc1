package dev.rollback.e2e;

import dev.rollback.testsupport.CliResult;
import dev.rollback.testsupport.faults.FaultProxy.Fault;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.rollback.testsupport.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fault at each step of the plan; every time the end state must be exactly the original one,
 * and the output must say what was done and undone.
 */
@EnableKubernetesMockClient(crud = true)
class ModelRollbackFaultsTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path dir;

    /** Registry 5xx at each registry write of the plan: alias (step 1), stages (2, 3), audit tags (6). */
    @ParameterizedTest(name = "HTTP 500 on {0} #{1} (step {2})")
    @CsvSource({
        "registered-models/alias, 1, 1",
        "model-versions/transition-stage, 1, 2",
        "model-versions/transition-stage, 2, 3",
        "model-versions/set-tag, 4, 6"})
    void registryServerErrorAtEveryRegistryStepLeavesEverythingAsItWas(String path, int nth, int step) throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "err" + step)) {
            stack.registryProxy.inject(Fault.status("POST", path, nth, 500));

            CliResult result = stack.cli().run("model", "recsys", "--to", "healthy-baseline", "--yes",
                    "--timeout", "20s");

            assertThat(result).exitedWith(8).outContains("rollback failed and was undone", "is exactly as it was")
                    .errContains("FAILED:", "undo [1/6]");
            assertThat(stack.isOriginal()).as(stack.describe() + "\n" + stack.registryProxy.log()).isTrue();
            assertThat(Files.readString(EndToEnd.onlyJournal(dir))).contains("\"outcome\":\"REVERTED\"");
        }
    }

    @Test
    void registryTimeoutIsUndone() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "timeout")) {
            stack.registryProxy.inject(Fault.delay("POST", "model-versions/transition-stage", 2, Duration.ofSeconds(5)));

            CliResult result = stack.cli().run("model", "recsys", "--to", "healthy-baseline", "--yes");

            assertThat(result).exitedWith(8).errContains("within 3s");
            assertThat(stack.isOriginal()).as(stack.describe()).isTrue();
        }
    }

    @Test
    void servingPatchRejectedByTheApiServerIsUndone() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "reject")) {
            // An admission webhook saying no: the mock answers this one PATCH with 422, CRUD otherwise.
            server.expect().patch().withPath("/apis/apps/v1/namespaces/" + stack.namespace + "/deployments/"
                    + stack.deployment).andReturn(422, new StatusBuilder().withCode(422).withReason("Invalid")
                    .withMessage("admission webhook \"policy.example.com\" denied the request").build()).once();

            CliResult result = stack.cli().run("model", "recsys", "--to", "healthy-baseline", "--yes");

            assertThat(result).exitedWith(8).errContains("denied the request");
            assertThat(stack.isOriginal()).as(stack.describe()).isTrue();
        }
    }

    @Test
    void rolloutThatNeverBecomesReadyIsUndoneAndNamesThePods() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "notready")) {
            stack.controller.failPodsWith("ImagePullBackOff");

            CliResult result = stack.cli().run("model", "recsys", "--to", "healthy-baseline", "--yes",
                    "--timeout", "3s");

            assertThat(result).exitedWith(8).errContains("ImagePullBackOff", "undo [4/6]");
            assertThat(stack.isOriginal()).as(stack.describe()).isTrue();
            assertThat(stack.deploymentObject().getMetadata().getAnnotations().get("kubernetes.io/change-cause"))
                    .startsWith("undo of rollback rb-");
        }
    }
}
