package dev.rollback.adapters.serving.argo;

import dev.rollback.adapters.serving.kubernetes.JsonPatch;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation;
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
 * Finds the model reference in a pod template (the Rollout's, or one of its ReplicaSets'), as
 * ModelReferenceReader does for a Deployment; that one is typed to Deployment and names it in its messages.
 * A ConfigMap location is refused: changing it would also need a restart ({@code spec.restartAt}) that this
 * adapter does not do yet.
 */
final class TemplateModelReference {

    private final ModelReferenceLocation location;

    TemplateModelReference(ModelReferenceLocation location) {
        this.location = Objects.requireNonNull(location, "location");
    }

    String describe() {
        if (location instanceof ContainerEnv e) {
            return "container " + e.container() + " env " + e.envVar();
        }
        return location instanceof PodAnnotation a ? "pod annotation " + a.key() : "a ConfigMap (not supported for argo-rollout yet)";
    }

    /** For history: what a template serves, or empty when it does not say. */
    Optional<String> find(PodTemplateSpec template) {
        try {
            return Optional.of(read(template, "template"));
        } catch (ServingException e) {
            return Optional.empty();
        }
    }

    String read(PodTemplateSpec template, String owner) {
        if (location instanceof PodAnnotation a) {
            String value = template.getMetadata() == null || template.getMetadata().getAnnotations() == null ? null
                    : template.getMetadata().getAnnotations().get(a.key());
            if (value == null) {
                throw new ServingException(Kind.NOT_FOUND, owner + " pod template has no annotation '" + a.key() + "'");
            }
            return value;
        }
        int[] at = envIndex(template, owner);
        return template.getSpec().getContainers().get(at[0]).getEnv().get(at[1]).getValue();
    }

    /** Adds to {@code patch} the operation that sets the reference in spec.template. */
    void write(JsonPatch patch, PodTemplateSpec template, String owner, String value) {
        if (location instanceof PodAnnotation a) {
            Map<String, String> annotations = template.getMetadata() == null ? null : template.getMetadata().getAnnotations();
            patch.putInMap("/spec/template/metadata/annotations", annotations, a.key(), value);
            return;
        }
        int[] at = envIndex(template, owner);
        patch.op("replace", JsonPatch.pointer("spec", "template", "spec", "containers", at[0], "env", at[1], "value"), value);
    }

    private int[] envIndex(PodTemplateSpec template, String owner) {
        if (!(location instanceof ContainerEnv e)) {
            throw new ServingException(Kind.REJECTED, "a model reference in a ConfigMap is not supported for argo-rollout yet ("
                    + owner + "): point the service at a container env var or a pod annotation of the Rollout's template");
        }
        List<Container> containers = template.getSpec() == null ? List.of() : Objects.requireNonNullElse(template.getSpec().getContainers(), List.of());
        for (int i = 0; i < containers.size(); i++) {
            if (!e.container().equals(containers.get(i).getName())) {
                continue;
            }
            List<EnvVar> env = Objects.requireNonNullElse(containers.get(i).getEnv(), List.of());
            for (int j = 0; j < env.size(); j++) {
                if (e.envVar().equals(env.get(j).getName())) {
                    if (env.get(j).getValue() == null && env.get(j).getValueFrom() != null) {
                        throw new ServingException(Kind.NOT_FOUND, owner + " container '" + e.container() + "' env var '"
                                + e.envVar() + "' is set with valueFrom, not a literal value");
                    }
                    return new int[] {i, j};
                }
            }
            throw new ServingException(Kind.NOT_FOUND, owner + " container '" + e.container() + "' has no env var '" + e.envVar() + "'");
        }
        throw new ServingException(Kind.NOT_FOUND, owner + " has no container '" + e.container() + "' (containers: "
                + String.join(", ", containers.stream().map(Container::getName).toList()) + ")");
    }
}
