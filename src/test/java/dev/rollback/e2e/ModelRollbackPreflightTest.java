package dev.rollback.e2e;

import dev.rollback.adapters.s3.S3ArtifactStore;
import dev.rollback.adapters.s3.S3Settings;
import dev.rollback.testsupport.CliResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.rollback.testsupport.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Every preflight refusal: one clear line, exit code 7, and nothing changed anywhere. */
@EnableKubernetesMockClient(crud = true)
class ModelRollbackPreflightTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path dir;

    @Test
    void targetEqualsLive() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "live")) {
            CliResult result = stack.cli().run("model", "recsys", "--to", "v7", "--yes");

            assertThat(result).exitedWith(7).errIsOneLine().errContains("v7 is already the live version");
            assertThat(stack.isOriginal()).isTrue();
        }
    }

    @Test
    void unknownTargetVersion() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "unknown")) {
            CliResult result = stack.cli().run("model", "recsys", "--to", "42", "--yes");

            assertThat(result).exitedWith(7).errContains("version 42 of " + stack.model + " does not exist");
            assertThat(stack.isOriginal()).isTrue();
        }
    }

    @Test
    void missingArtifact() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "missing")) {
            stack.deleteArtifact("5");

            CliResult result = stack.cli().run("model", "recsys", "--to", "healthy-baseline", "--yes");

            assertThat(result).exitedWith(7).errContains("the artifact of v5 is missing at "
                    + stack.seeded.source("5"));
            assertThat(stack.isOriginal()).isTrue();
        }
    }

    @Test
    void artifactOverwrittenInPlaceSincePrepareRecordedIt() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "overwritten")) {
            String source = stack.seeded.source("5");
            String digest = S3ArtifactStore.create(S3Settings.defaults(), stack.env()).fingerprint(source)
                    .orElseThrow().digest();
            stack.seeder.setVersionTag(stack.model, "5", "rollback.artifact_digest", digest);

            assertThat(stack.cli().run("model", "recsys", "--to", "5", "--dry-run"))
                    .succeeded().outContains("fingerprint matches prepare");

            stack.uploadArtifact("5", "weights of v9"); // same length, other bytes: only the ETag tells
            CliResult result = stack.cli().run("model", "recsys", "--to", "5", "--yes");

            assertThat(result).exitedWith(7).errContains("was overwritten in place", digest);
            assertThat(stack.isOriginal()).isTrue();
        }
    }

    @Test
    void targetRolledBackFromNeedsForceAndReason() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "history")) {
            stack.seeder.setVersionTag(stack.model, "6", "rollback.role", "rolled_back_from");
            stack.seeder.setVersionTag(stack.model, "6", "rollback.reason", "latency");

            assertThat(stack.cli().run("model", "recsys", "--to", "6", "--yes"))
                    .exitedWith(7).errContains("v6 was rolled back from (latency); to use it anyway pass --force with --reason");
            assertThat(stack.cli().run("model", "recsys", "--to", "6", "--force", "--yes"))
                    .exitedWith(2).errContains("--force needs --reason");
            assertThat(stack.isOriginal()).isTrue();

            assertThat(stack.cli().run("model", "recsys", "--to", "6", "--force", "--reason", "latency fixed upstream",
                    "--dry-run")).succeeded().outContains("going ahead because of --force");
        }
    }

    @Test
    void missingServingObject() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "noserving")) {
            stack.controller.close();
            client.apps().deployments().inNamespace(stack.namespace).withName(stack.deployment).delete();

            CliResult result = stack.cli().run("model", "recsys", "--to", "healthy-baseline", "--yes");

            assertThat(result).exitedWith(7).errContains(stack.deployment);
            assertThat(stack.alias()).isEqualTo("7");
        }
    }
}
