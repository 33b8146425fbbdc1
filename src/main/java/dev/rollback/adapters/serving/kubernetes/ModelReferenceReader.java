package dev.rollback.adapters.serving.kubernetes;

import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.ConfigMapKey;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.ContainerEnv;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.PodAnnotation;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;
import dev.rollback.core.serving.ServingSnapshot;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        if (location instanceof ContainerEnv e) {
            int[] at = envIndex(deployment, e);
            value = deployment.getSpec().getTemplate().getSpec().getContainers().get(at[0]).getEnv().get(at[1]).getValue();
        } else if (location instanceof PodAnnotation a) {
            value = orEmpty(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).get(a.key());
            if (value == null) {
                throw notFound(deploymentLabel() + " pod template has no annotation '" + a.key() + "'");
            }
        } else {
            value = configMapValue(configMap, (ConfigMapKey) location);
            resourceVersion = configMap.getMetadata().getResourceVersion();
        }
        Long generation = deployment.getMetadata().getGeneration();
        String revision = orEmpty(deployment.getMetadata().getAnnotations()).getOrDefault(DeploymentBinding.REVISION, "");
        return new ServingSnapshot(value, resourceVersion, generation == null ? 0 : generation, revision);
    }

    /** {container index, env index} of the env var, which must hold a literal value. */
    int[] envIndex(Deployment deployment, ContainerEnv e) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        for (int i = 0; i < containers.size(); i++) {
            if (!e.container().equals(containers.get(i).getName())) {
                continue;
            }
            List<EnvVar> env = Objects.requireNonNullElse(containers.get(i).getEnv(), List.of());
            for (int j = 0; j < env.size(); j++) {
                if (e.envVar().equals(env.get(j).getName())) {
                    if (env.get(j).getValue() == null && env.get(j).getValueFrom() != null) {
                        throw notFound(deploymentLabel() + " container '" + e.container() + "' env var '" + e.envVar()
                                + "' is set with valueFrom, not a literal value");
                    }
                    return new int[] {i, j};
                }
            }
            throw notFound(deploymentLabel() + " container '" + e.container() + "' has no env var '" + e.envVar()
                    + "' (env: " + names(env.stream().map(EnvVar::getName).toList()) + ")");
        }
        throw notFound(deploymentLabel() + " has no container '" + e.container() + "' (containers: "
                + names(containers.stream().map(Container::getName).toList()) + ")");
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
