package dev.rollback.adapters.serving.kubernetes;

import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.ConfigMapKey;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.ContainerEnv;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.PodAnnotation;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingSnapshot;
import dev.rollback.testsupport.kubernetes.DeploymentController;
import dev.rollback.testsupport.kubernetes.Deployments;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@EnableKubernetesMockClient(crud = true)
class DeploymentBindingReadTest {

    static KubernetesClient client;
    static KubernetesMockServer server;
    static final String NS = "ml-serving";

    @BeforeAll
    static void cluster() {
        client.resource(new DeploymentBuilder(Deployments.modelServer(NS, "model-server", "server", "models:/fraud/7", 2))
                .editSpec().editTemplate().editMetadata().addToAnnotations("serving.example.com/model-uri", "models:/fraud/8")
                .endMetadata().endTemplate().endSpec().build()).create();
        client.resource(Deployments.configMap(NS, "model-config", Map.of("model_uri", "s3://models/fraud/9", "threads", "4"))).create();
        new DeploymentController(client, NS).reconcileOnce();
    }

    @Test
    void readsAContainerEnvVar() {
        ServingSnapshot s = binding(new ContainerEnv("server", "MODEL_URI")).read();
        var d = client.apps().deployments().inNamespace(NS).withName("model-server").get();
        assertThat(s).isEqualTo(new ServingSnapshot("models:/fraud/7", d.getMetadata().getResourceVersion(), 1, "1"));
    }

    @Test
    void readsAPodAnnotation() {
        assertThat(binding(new PodAnnotation("serving.example.com/model-uri")).read().modelReference()).isEqualTo("models:/fraud/8");
    }

    @Test
    void readsAConfigMapKeyWithTheConfigMapsResourceVersion() {
        ServingSnapshot s = binding(new ConfigMapKey("model-config", "model_uri")).read();
        String cmVersion = client.configMaps().inNamespace(NS).withName("model-config").get().getMetadata().getResourceVersion();
        assertThat(s.modelReference()).isEqualTo("s3://models/fraud/9");
        assertThat(s.resourceVersion()).isEqualTo(cmVersion);
        assertThat(s.generation()).isEqualTo(1);
        assertThat(s.revision()).isEqualTo("1");
    }

    @Test
    void namesWhatIsMissing() {
        assertNotFound(new DeploymentBinding(client, NS, "nope", new ContainerEnv("server", "MODEL_URI")),
                "Deployment ml-serving/nope not found");
        assertNotFound(binding(new ContainerEnv("app", "MODEL_URI")),
                "Deployment ml-serving/model-server has no container 'app' (containers: server, sidecar)");
        assertNotFound(binding(new ContainerEnv("server", "MODEL_PATH")),
                "Deployment ml-serving/model-server container 'server' has no env var 'MODEL_PATH' (env: LOG_LEVEL, MODEL_URI)");
        assertNotFound(binding(new ContainerEnv("sidecar", "MODEL_URI")),
                "Deployment ml-serving/model-server container 'sidecar' has no env var 'MODEL_URI' (env: none)");
        assertNotFound(binding(new PodAnnotation("model")),
                "Deployment ml-serving/model-server pod template has no annotation 'model'");
        assertNotFound(binding(new ConfigMapKey("other-config", "model_uri")), "ConfigMap ml-serving/other-config not found");
        assertNotFound(binding(new ConfigMapKey("model-config", "model")),
                "ConfigMap ml-serving/model-config has no key 'model' (keys: model_uri, threads)");
    }

    @Test
    void describesEachLocation() {
        assertThat(binding(new ContainerEnv("server", "MODEL_URI")).describe())
                .isEqualTo("Deployment ml-serving/model-server container server env MODEL_URI");
        assertThat(binding(new PodAnnotation("serving.example.com/model-uri")).describe())
                .isEqualTo("Deployment ml-serving/model-server pod annotation serving.example.com/model-uri");
        assertThat(binding(new ConfigMapKey("model-config", "model_uri")).describe())
                .isEqualTo("ConfigMap ml-serving/model-config key model_uri (restarts Deployment ml-serving/model-server)");
    }

    private static DeploymentBinding binding(ModelReferenceLocation location) {
        return new DeploymentBinding(client, NS, "model-server", location);
    }

    private static void assertNotFound(DeploymentBinding binding, String message) {
        assertThatThrownBy(binding::read).isInstanceOfSatisfying(ServingException.class, e -> {
            assertThat(e.kind()).isEqualTo(ServingException.Kind.NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
