package dev.rollback.adapters.serving.kubernetes;

import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.ConfigMapKey;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.ContainerEnv;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.PodAnnotation;
import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingSnapshot;
import dev.rollback.testsupport.kubernetes.DeploymentController;
import dev.rollback.testsupport.kubernetes.Deployments;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@EnableKubernetesMockClient(crud = true)
class DeploymentBindingWriteTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @Test
    void setsAContainerEnvVarAndTheRolloutCompletesAtTheNextRevision() {
        var binding = new DeploymentBinding(client, "w-env", "model-server", new ContainerEnv("server", "MODEL_URI"));
        try (var controller = settled("w-env", Map.of())) {
            ServingSnapshot before = binding.read();
            ServingSnapshot after = binding.setModelReference(before, "models:/fraud/6", "rollback fraud 7 -> 6 (INC-42)");

            Deployment d = deployment("w-env");
            assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().get(1).getValue()).isEqualTo("models:/fraud/6");
            assertThat(d.getMetadata().getAnnotations()).containsEntry("kubernetes.io/change-cause", "rollback fraud 7 -> 6 (INC-42)");
            assertThat(after.modelReference()).isEqualTo("models:/fraud/6");
            assertThat(after.generation()).isEqualTo(2);
            assertThat(after.resourceVersion()).isNotEqualTo(before.resourceVersion());
            controller.start();
            RolloutOutcome outcome = binding.awaitRollout(Duration.ofSeconds(10), p -> { });
            assertThat(outcome.complete()).as(outcome.summary()).isTrue();
            assertThat(outcome.summary()).isEqualTo("Deployment w-env/model-server rolled out: 2/2 updated, 2 ready, 2 available (revision 2)");
            assertThat(binding.read().revision()).isEqualTo("2");
        }
    }

    @Test
    void setsAPodAnnotation() {
        var binding = new DeploymentBinding(client, "w-ann", "model-server", new PodAnnotation("serving.example.com/model-uri"));
        try (var controller = settled("w-ann", Map.of("serving.example.com/model-uri", "models:/fraud/7"))) {
            ServingSnapshot after = binding.setModelReference(binding.read(), "models:/fraud/6", "rollback");
            assertThat(deployment("w-ann").getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("serving.example.com/model-uri", "models:/fraud/6").containsEntry("prometheus.io/scrape", "true");
            assertThat(after.generation()).isEqualTo(2);
            controller.start();
            assertThat(binding.awaitRollout(Duration.ofSeconds(10), p -> { }).complete()).isTrue();
            assertThat(binding.read()).extracting(ServingSnapshot::modelReference, ServingSnapshot::revision).containsExactly("models:/fraud/6", "2");
        }
    }

    @Test
    void setsAConfigMapKeyAndRestartsTheDeployment() {
        client.resource(Deployments.configMap("w-cm", "model-config", Map.of("model_uri", "s3://m/7"))).create();
        var binding = new DeploymentBinding(client, "w-cm", "model-server", new ConfigMapKey("model-config", "model_uri"));
        try (var controller = settled("w-cm", Map.of())) {
            ServingSnapshot after = binding.setModelReference(binding.read(), "s3://m/6", "rollback");
            var cm = client.configMaps().inNamespace("w-cm").withName("model-config").get();
            assertThat(cm.getData()).containsEntry("model_uri", "s3://m/6");
            assertThat(after.resourceVersion()).isEqualTo(cm.getMetadata().getResourceVersion());
            Deployment d = deployment("w-cm");
            assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations().get("kubectl.kubernetes.io/restartedAt"))
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
            assertThat(d.getMetadata().getAnnotations()).containsEntry("kubernetes.io/change-cause", "rollback");
            assertThat(after.generation()).isEqualTo(2);
            controller.start();
            assertThat(binding.awaitRollout(Duration.ofSeconds(10), p -> { }).complete()).isTrue();
            assertThat(binding.read().revision()).isEqualTo("2");
        }
    }

    @Test
    void aStaleDeploymentIsNotOverwritten() {
        var binding = new DeploymentBinding(client, "w-stale", "model-server", new ContainerEnv("server", "MODEL_URI"));
        try (var ignored = settled("w-stale", Map.of())) {
            ServingSnapshot read = binding.read();
            // someone else deploys in between; the write must not clobber it (no client-side check: the server enforces)
            String theirs = client.apps().deployments().inNamespace("w-stale").withName("model-server").edit(d -> new DeploymentBuilder(d)
                    .editSpec().editTemplate().editSpec().editFirstContainer().editMatchingEnv(e -> e.getName().equals("MODEL_URI"))
                    .withValue("models:/fraud/8").endEnv().endContainer().endSpec().endTemplate().endSpec().build())
                    .getMetadata().getResourceVersion();
            assertThatThrownBy(() -> binding.setModelReference(read, "models:/fraud/6", "rollback"))
                    .isInstanceOfSatisfying(ServingException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ServingException.Kind.CONFLICT);
                        assertThat(e.getMessage()).isEqualTo("Deployment w-stale/model-server changed since it was read (resourceVersion "
                                + read.resourceVersion() + " → " + theirs + "); nothing was overwritten");
                    });
            Deployment d = deployment("w-stale");
            assertThat(d.getMetadata().getResourceVersion()).isEqualTo(theirs);
            assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().get(1).getValue()).isEqualTo("models:/fraud/8");
            assertThat(d.getMetadata().getAnnotations()).doesNotContainKey("kubernetes.io/change-cause");
        }
    }

    @Test
    void aStaleConfigMapIsNotOverwrittenAndNothingRestarts() {
        client.resource(Deployments.configMap("w-cm-stale", "model-config", Map.of("model_uri", "s3://m/7"))).create();
        var binding = new DeploymentBinding(client, "w-cm-stale", "model-server", new ConfigMapKey("model-config", "model_uri"));
        try (var ignored = settled("w-cm-stale", Map.of())) {
            ServingSnapshot read = binding.read();
            client.configMaps().inNamespace("w-cm-stale").withName("model-config").edit(cm -> {
                cm.getData().put("model_uri", "s3://m/8");
                return cm;
            });
            assertThatThrownBy(() -> binding.setModelReference(read, "s3://m/6", "rollback"))
                    .isInstanceOfSatisfying(ServingException.class, e -> assertThat(e.kind()).isEqualTo(ServingException.Kind.CONFLICT));
            assertThat(client.configMaps().inNamespace("w-cm-stale").withName("model-config").get().getData()).containsEntry("model_uri", "s3://m/8");
            assertThat(deployment("w-cm-stale").getMetadata().getGeneration()).isEqualTo(1);
        }
    }

    @Test
    void anUnreachableClusterIsReportedAsSuch() {
        var config = new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").withRequestRetryBackoffLimit(0).withConnectionTimeout(2000).build();
        try (KubernetesClient offline = new KubernetesClientBuilder().withConfig(config).build()) {
            var binding = new DeploymentBinding(offline, "ns", "model-server", new ContainerEnv("server", "MODEL_URI"));
            assertThatThrownBy(binding::read).isInstanceOfSatisfying(ServingException.class, e -> {
                assertThat(e.kind()).isEqualTo(ServingException.Kind.UNREACHABLE);
                assertThat(e.getMessage()).startsWith("could not read Deployment ns/model-server: the Kubernetes API did not answer");
            });
        }
    }

    /** A 2-replica model server, rolled out once (revision 1), with the controller not yet running. */
    private static DeploymentController settled(String namespace, Map<String, String> templateAnnotations) {
        client.resource(new DeploymentBuilder(Deployments.modelServer(namespace, "model-server", "server", "models:/fraud/7", 2))
                .editSpec().editTemplate().editMetadata().addToAnnotations(templateAnnotations).endMetadata().endTemplate().endSpec()
                .build()).create();
        var controller = new DeploymentController(client, namespace);
        controller.reconcileOnce();
        return controller;
    }

    private static Deployment deployment(String namespace) {
        return client.apps().deployments().inNamespace(namespace).withName("model-server").get();
    }
}
