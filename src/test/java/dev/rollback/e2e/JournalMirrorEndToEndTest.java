package dev.rollback.e2e;

import dev.rollback.testsupport.CliResult;
import dev.rollback.testsupport.s3.S3Server;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static dev.rollback.testsupport.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal mirror (rollback.yaml {@code journal.mirror}) on the real S3-compatible server: a rollback
 * killed on one machine is seen, resumed and reported from another, and the first machine then sees
 * it finished. Same stack as the other end-to-end tests (real MLflow, moto, Kubernetes mock API server).
 */
@EnableKubernetesMockClient(crud = true)
class JournalMirrorEndToEndTest {

    static KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void aRollbackKilledOnOneMachineIsResumedFromAnother() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "mirror")) {
            String mirror = stack.mirrorJournals();
            Map<String, String> env = new HashMap<>(stack.env());
            env.put("ROLLBACK_DEBUG_PAUSE_BEFORE_STEP", "4");
            try (CliProcess laptop = new CliProcess(stack.dir, env, "model", "recsys", "--to", "healthy-baseline",
                    "--yes", "--reason", "laptop died", "--timeout", "20s")) {
                laptop.awaitStderr("paused before step 4", Duration.ofSeconds(60));
                String id = EndToEnd.onlyJournal(dir).getFileName().toString().replace(".jsonl", "");
                // Uploads run in the background while the rollback goes on, not only at its end.
                awaitMirrored(mirror, id, "\"type\":\"APPLIED\",\"step\":2");
                laptop.kill();
            }
            String id = EndToEnd.onlyJournal(dir).getFileName().toString().replace(".jsonl", "");

            CliResult seen = stack.cliOnAnotherMachine("bastion").run("status", "recsys");
            assertThat(seen).exitedWith(9).outContains("UNFINISHED rollback " + id, "3/6 steps applied");

            Thread.sleep(3_500); // the killed process's lease must expire (ttl 3 s in tests)
            assertThat(stack.cliOnAnotherMachine("bastion").run("resume", id, "--yes", "--timeout", "20s")).succeeded();
            assertThat(stack.isRolledBack()).as(stack.describe()).isTrue();

            assertThat(stack.cli().run("status", "recsys").out()).as("the laptop sees the bastion's END")
                    .doesNotContain("UNFINISHED");
            assertThat(Files.readString(EndToEnd.onlyJournal(dir))).isEqualTo(mirrored(mirror, id));
            assertThat(stack.cliOnAnotherMachine("desk").run("history", "recsys").out())
                    .contains(id, "laptop died");
        }
    }

    @Test
    void aMirrorThatCannotBeReachedWarnsAndTheRollbackStillCompletes() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "mirrordown")) {
            stack.mirrorJournals();
            Path config = stack.dir.resolve("rollback.yaml");
            Files.writeString(config, Files.readString(config).replace("mirror: s3://", "mirror: s3://missing-"));

            CliResult result = stack.cli().run("model", "recsys", "--to", "healthy-baseline", "--yes");

            assertThat(result).succeeded().errContains("warning: cannot mirror journal", "does not exist",
                    "the local journal", "is complete");
            assertThat(stack.isRolledBack()).as(stack.describe()).isTrue();
        }
    }

    private static void awaitMirrored(String mirror, String id, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (mirrored(mirror, id).contains(text)) {
                    return;
                }
            } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException notYet) {
                // the first upload has not landed yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("journal " + id + " in " + mirror + " never contained " + text);
    }

    private static String mirrored(String mirror, String id) {
        URI uri = URI.create(mirror);
        return S3Server.shared().client().getObjectAsBytes(b -> b.bucket(uri.getHost())
                .key(uri.getPath().substring(1) + "/" + id + ".jsonl")).asUtf8String();
    }
}
