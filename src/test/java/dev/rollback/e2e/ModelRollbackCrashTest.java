package dev.rollback.e2e;

import dev.rollback.testsupport.CliResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static dev.rollback.testsupport.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process killed (SIGKILL) between two steps, then {@code resume} or {@code abort} from the
 * journal; and two rollbacks of one service at once. The CLI runs as a child JVM; the pause before
 * the chosen step is the test hook ROLLBACK_DEBUG_PAUSE_BEFORE_STEP.
 */
@EnableKubernetesMockClient(crud = true)
class ModelRollbackCrashTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path dir;

    private static CliProcess startPausedBefore(RollbackStack stack, int step) throws Exception {
        Map<String, String> env = new HashMap<>(stack.env());
        env.put("ROLLBACK_DEBUG_PAUSE_BEFORE_STEP", String.valueOf(step));
        CliProcess process = new CliProcess(stack.dir, env, "model", "recsys", "--to", "healthy-baseline", "--yes",
                "--reason", "crash test", "--timeout", "20s");
        process.awaitStderr("paused before step " + step, Duration.ofSeconds(60));
        return process;
    }

    /** Killed before step N (so steps 1..N-1 applied); then resumed, or aborted. */
    @ParameterizedTest(name = "killed before step {0}, then {1}")
    @CsvSource({
        "1, resume", "2, resume", "3, abort", "4, resume", "5, abort", "6, resume",
        "2, abort", "4, abort", "5, resume", "6, abort"})
    void killedBetweenTwoStepsThenResumeOrAbortFinishesTheJob(int step, String action) throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "kill" + step + action.charAt(0))) {
            try (CliProcess process = startPausedBefore(stack, step)) {
                process.kill();
            }
            String id = EndToEnd.onlyJournal(dir).getFileName().toString().replace(".jsonl", "");

            CliResult status = stack.cli().run("status", "recsys");
            assertThat(status).exitedWith(9).outContains("UNFINISHED rollback " + id, (step - 1) + "/6 steps applied",
                    "rollback resume " + id, "rollback abort " + id);

            assertThat(stack.cli().run("model", "recsys", "--to", "4", "--dry-run"))
                    .exitedWith(7).errContains("rollback " + id + " of recsys is unfinished");

            Thread.sleep(3_500); // the dead process's lease (ttl 3s in these tests) must expire first
            CliResult finish = stack.cli().run(action, id, "--yes", "--timeout", "20s");

            assertThat(finish).succeeded();
            if (action.equals("resume")) {
                assertThat(stack.isRolledBack()).as(stack.describe()).isTrue();
            } else {
                assertThat(stack.isOriginal()).as(stack.describe()).isTrue();
            }
            assertThat(stack.cli().run("status", "recsys").out()).doesNotContain("UNFINISHED");
            assertThat(stack.cli().run(action, id, "--yes")).exitedWith(2).errContains("already ended");
        }
    }

    @Test
    void twoConcurrentRollbacksOfOneServiceExactlyOneProceeds() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "concurrent")) {
            try (CliProcess first = startPausedBefore(stack, 2)) {
                CliResult second = stack.cli().run("model", "recsys", "--to", "healthy-baseline", "--yes");

                assertThat(second).exitedWith(11).errIsOneLine()
                        .errContains("another rollback of recsys is in progress: lock held by ", "since ");
                assertThat(stack.alias()).as("the first one's step 1 only").isEqualTo("5");
                first.kill();
            }
            Thread.sleep(3_500);
            String id = EndToEnd.onlyJournal(dir).getFileName().toString().replace(".jsonl", "");
            assertThat(stack.cli().run("abort", id, "--yes")).succeeded();
            assertThat(stack.isOriginal()).as(stack.describe()).isTrue();
        }
    }
}
