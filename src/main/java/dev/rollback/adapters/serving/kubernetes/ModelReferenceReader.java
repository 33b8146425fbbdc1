package dev.rollback.adapters.serving.kubernetes;

import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.ConfigMapKey;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.ContainerEnv;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;
import dev.rollback.core.serving.ServingSnapshot;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Finds the model reference in fetched objects; NOT_FOUND messages name exactly what is missing. */
final class ModelReferenceReader {

    private final String namespace;
    private final String name;
    private final ModelReferenceLocation location;

    ModelReferenceReader(String namespace, String name, ModelReferenceLocation location) {
        this.namespace = namespace;
        this.name = name;
        this.location = location;
    }

    /** {@code configMap} is required for (only for) a {@link ConfigMapKey} location. */
    ServingSnapshot snapshot(Deployment deployment, ConfigMap configMap) {
        String value;
        String resourceVersion = deployment.getMetadata().getResourceVersion();
        if (!(location instanceof ConfigMapKey)) {
            value = PodTemplateReference.read(deployment.getSpec().getTemplate(), location, deploymentLabel());
        } else {
            value = configMapValue(configMap, (ConfigMapKey) location);
            resourceVersion = configMap.getMetadata().getResourceVersion();
        }
        Long generation = deployment.getMetadata().getGeneration();
        return new ServingSnapshot(value, resourceVersion, generation == null ? 0 : generation,
                DeploymentBinding.revision(deployment));
    }

    /** {container index, env index} of the env var in the Deployment's template. */
    int[] envIndex(Deployment deployment, ContainerEnv e) {
        return PodTemplateReference.envIndex(deployment.getSpec().getTemplate(), e, deploymentLabel());
    }

    String configMapValue(ConfigMap configMap, ConfigMapKey k) {
        Map<String, String> data = orEmpty(configMap.getData());
        String value = data.get(k.key());
        if (value == null) {
            throw notFound(configMapLabel(k) + " has no key '" + k.key() + "' (keys: " + names(data.keySet().stream().sorted().toList()) + ")");
        }
        return value;
    }

    String configMapLabel(ConfigMapKey k) {
        return "ConfigMap " + namespace + "/" + k.configMapName();
    }

    private String deploymentLabel() {
        return "Deployment " + namespace + "/" + name;
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : names.stream().collect(Collectors.joining(", "));
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private static ServingException notFound(String message) {
        return new ServingException(Kind.NOT_FOUND, message);
    }
}
