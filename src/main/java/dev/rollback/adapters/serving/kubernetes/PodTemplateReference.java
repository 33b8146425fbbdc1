package dev.rollback.adapters.serving.kubernetes;

import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.ContainerEnv;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.PodAnnotation;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The model reference in a pod template (a Deployment's, a Rollout's, or one of their ReplicaSets'): a
 * container env var or a pod annotation. One reader for every workload kind; NOT_FOUND messages name the
 * owner given ("Deployment ml/model-server") and exactly what is missing.
 */
public final class PodTemplateReference {

    private PodTemplateReference() {
    }

    /** The value at an env or annotation location; a ConfigMap location is not in the template (caller's case). */
    public static String read(PodTemplateSpec template, ModelReferenceLocation location, String owner) {
        if (location instanceof PodAnnotation a) {
            Map<String, String> annotations = template.getMetadata() == null ? null : template.getMetadata().getAnnotations();
            String value = annotations == null ? null : annotations.get(a.key());
            if (value == null) {
                throw new ServingException(Kind.NOT_FOUND, owner + " pod template has no annotation '" + a.key() + "'");
            }
            return value;
        }
        ContainerEnv e = (ContainerEnv) location;
        int[] at = envIndex(template, e, owner);
        return template.getSpec().getContainers().get(at[0]).getEnv().get(at[1]).getValue();
    }

    /** For history: what a template serves, or empty when it does not say (or the reference is in a ConfigMap). */
    public static Optional<String> find(PodTemplateSpec template, ModelReferenceLocation location) {
        if (location instanceof ModelReferenceLocation.ConfigMapKey) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(template, location, "template"));
        } catch (ServingException e) {
            return Optional.empty();
        }
    }

    /** {container index, env index} of the env var, which must hold a literal value. */
    public static int[] envIndex(PodTemplateSpec template, ContainerEnv e, String owner) {
        List<Container> containers = template.getSpec() == null ? List.of()
                : Objects.requireNonNullElse(template.getSpec().getContainers(), List.of());
        for (int i = 0; i < containers.size(); i++) {
            if (!e.container().equals(containers.get(i).getName())) {
                continue;
            }
            List<EnvVar> env = Objects.requireNonNullElse(containers.get(i).getEnv(), List.of());
            for (int j = 0; j < env.size(); j++) {
                if (e.envVar().equals(env.get(j).getName())) {
                    if (env.get(j).getValue() == null && env.get(j).getValueFrom() != null) {
                        throw notFound(owner + " container '" + e.container() + "' env var '" + e.envVar()
                                + "' is set with valueFrom, not a literal value");
                    }
                    return new int[] {i, j};
                }
            }
            throw notFound(owner + " container '" + e.container() + "' has no env var '" + e.envVar() + "' (env: "
                    + names(env.stream().map(EnvVar::getName).toList()) + ")");
        }
        throw notFound(owner + " has no container '" + e.container() + "' (containers: "
                + names(containers.stream().map(Container::getName).toList()) + ")");
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static ServingException notFound(String message) {
        return new ServingException(Kind.NOT_FOUND, message);
    }
}
