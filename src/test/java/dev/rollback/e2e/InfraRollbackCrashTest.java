package dev.rollback.e2e;

import dev.rollback.testsupport.CliResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static dev.rollback.testsupport.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rollback infra} killed (SIGKILL, child JVM paused by the test hook ROLLBACK_DEBUG_PAUSE_BEFORE_STEP)
 * after the undo was applied, before the rollout wait; then {@code resume} or {@code abort} rebuild the
 * serving steps from the journal and finish the job. Same stack as InfraRollbackEndToEndTest.
 */
@EnableKubernetesMockClient(crud = true)
class InfraRollbackCrashTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "killed before step {0}, then {1}")
    @CsvSource({"2, resume", "2, abort", "1, abort"})
    void killedMidWayThenResumeOrAbortFromTheJournal(int step, String action) throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "ikill" + step + action.charAt(0))) {
            stack.release("1.5.0", "7");
            Map<String, String> env = new HashMap<>(stack.env());
            env.put("ROLLBACK_DEBUG_PAUSE_BEFORE_STEP", String.valueOf(step));
            try (CliProcess process = new CliProcess(stack.dir, env, "infra", "recsys", "--yes", "--reason", "crash test",
                    "--timeout", "20s")) {
                process.awaitStderr("paused before step " + step, Duration.ofSeconds(60));
                process.kill();
            }
            String id = EndToEnd.onlyJournal(dir).getFileName().toString().replace(".jsonl", "");
            assertThat(stack.cli().run("status", "recsys")).exitedWith(9).outContains("UNFINISHED rollback " + id,
                    (step - 1) + "/2 steps applied");
            Thread.sleep(3_500); // the dead process's lease (ttl 3s in these tests) must expire first

            CliResult finish = stack.cli().run(action, id, "--yes", "--timeout", "20s");

            assertThat(finish).succeeded();
            assertThat(stack.servedImage()).isEqualTo(RollbackStack.image(action.equals("resume") ? "1.4.2" : "1.5.0"));
            assertThat(stack.cli().run("status", "recsys").out()).doesNotContain("UNFINISHED");
        }
    }
}
