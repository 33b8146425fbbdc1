package dev.rollback.adapters.serving.kubernetes;

import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.ContainerEnv;
import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.RolloutProgress;
import dev.rollback.testsupport.kubernetes.DeploymentController;
import dev.rollback.testsupport.kubernetes.Deployments;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@EnableKubernetesMockClient(crud = true)
class DeploymentBindingRolloutTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @Test
    void imagePullBackOffIsNamedPerPodAfterTheTimeout() {
        try (var controller = rolledOut("r-pull", 2)) {
            var binding = binding("r-pull");
            controller.failPodsWith("ImagePullBackOff").start();
            binding.setModelReference(binding.read(), "models:/fraud/6", "rollback");

            RolloutOutcome outcome = binding.awaitRollout(Duration.ofMillis(1500), p -> { });

            assertThat(outcome.complete()).isFalse();
            assertThat(outcome.lastProgress()).isEqualTo(new RolloutProgress(2, 2, 2, 2));
            assertThat(outcome.summary()).isEqualTo("rollout of Deployment r-pull/model-server not complete after 1s: 2/2 updated, 2 ready");
            String newHash = newestReplicaSetHash("r-pull");
            assertThat(outcome.podProblems()).hasSize(2).allSatisfy(problem -> assertThat(problem)
                    .matches("model-server-" + newHash + "-[a-z0-9]{5}: container server ImagePullBackOff: Back-off pulling image \""
                            + Deployments.IMAGE.replace(".", "\\.") + "\"; container sidecar ImagePullBackOff: .*"));
        }
    }

    @Test
    void crashLoopBackOffCarriesTheExitCode() {
        try (var controller = rolledOut("r-crash", 1)) {
            var binding = binding("r-crash");
            controller.failPodsWith("CrashLoopBackOff").start();
            binding.setModelReference(binding.read(), "models:/fraud/6", "rollback");

            RolloutOutcome outcome = binding.awaitRollout(Duration.ofSeconds(1), p -> { });

            assertThat(outcome.complete()).isFalse();
            assertThat(outcome.podProblems()).singleElement().asString()
                    .contains(": container server CrashLoopBackOff (exit code 137, restarted 4 times); container sidecar CrashLoopBackOff");
        }
    }

    @Test
    void unreadyPodsQuoteTheReadyCondition() {
        try (var controller = rolledOut("r-unready", 1)) {
            var binding = binding("r-unready");
            controller.neverReady().start();
            binding.setModelReference(binding.read(), "models:/fraud/6", "rollback");
            assertThat(binding.awaitRollout(Duration.ofMillis(800), p -> { }).podProblems()).singleElement().asString()
                    .endsWith(": not ready: containers with unready status: [server sidecar]");
        }
    }

    @Test
    void progressDeadlineExceededStopsWaitingEarly() {
        try (var controller = rolledOut("r-deadline", 1)) {
            var binding = binding("r-deadline");
            controller.failPodsWith("ErrImagePull").progressDeadlineExceeded().start();
            binding.setModelReference(binding.read(), "models:/fraud/6", "rollback");

            long start = System.nanoTime();
            RolloutOutcome outcome = binding.awaitRollout(Duration.ofSeconds(30), p -> { });

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(outcome.complete()).isFalse();
            assertThat(outcome.summary()).startsWith("rollout of Deployment r-deadline/model-server failed: progress deadline exceeded (ReplicaSet \"model-server-")
                    .endsWith("\" has timed out progressing.): 1/1 updated, 1 ready");
            assertThat(outcome.podProblems()).singleElement().asString().contains("container server ErrImagePull");
        }
    }

    @Test
    void reportsProgressAboutOnceASecondWithGrowingCounts() {
        try (var controller = rolledOut("r-progress", 4)) {
            var binding = binding("r-progress");
            // one new pod per ~600 ms: the rollout takes a few seconds, enough for several reports
            controller.podsPerStep(1);
            binding.setModelReference(binding.read(), "models:/fraud/6", "rollback");
            List<RolloutProgress> reports = new CopyOnWriteArrayList<>();
            Thread stepper = new Thread(() -> {
                for (int i = 0; i < 8 && !Thread.currentThread().isInterrupted(); i++) {
                    controller.reconcileOnce();
                    try {
                        Thread.sleep(600);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            stepper.start();
            RolloutOutcome outcome = binding.awaitRollout(Duration.ofSeconds(15), reports::add);
            stepper.interrupt();

            assertThat(outcome.complete()).as(outcome.summary()).isTrue();
            assertThat(outcome.lastProgress()).isEqualTo(new RolloutProgress(4, 4, 4, 4));
            assertThat(reports).hasSizeBetween(2, 6);
            assertThat(reports.get(0).updated()).isLessThan(4);
            for (int i = 1; i < reports.size(); i++) {
                assertThat(reports.get(i).updated()).isGreaterThan(reports.get(i - 1).updated());
            }
        }
    }

    private static DeploymentBinding binding(String namespace) {
        return new DeploymentBinding(client, namespace, "model-server", new ContainerEnv("server", "MODEL_URI"));
    }

    private static DeploymentController rolledOut(String namespace, int replicas) {
        client.resource(Deployments.modelServer(namespace, "model-server", "server", "models:/fraud/7", replicas)).create();
        var controller = new DeploymentController(client, namespace);
        controller.reconcileOnce();
        return controller;
    }

    private static String newestReplicaSetHash(String namespace) {
        return client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                .filter(rs -> "2".equals(rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision")))
                .findFirst().orElseThrow().getMetadata().getLabels().get("pod-template-hash");
    }
}
