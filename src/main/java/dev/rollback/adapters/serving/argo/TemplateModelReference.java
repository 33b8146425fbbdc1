package dev.rollback.adapters.serving.argo;

import dev.rollback.adapters.serving.kubernetes.JsonPatch;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.ContainerEnv;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.PodAnnotation;
import dev.rollback.adapters.serving.kubernetes.PodTemplateReference;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The model reference in a Rollout's pod template (or one of its ReplicaSets'), read through the shared
 * PodTemplateReference, and the JSON Patch that changes it. A ConfigMap location is refused: changing it would also need a restart ({@code spec.restartAt}) that this
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
        return PodTemplateReference.find(template, location);
    }

    String read(PodTemplateSpec template, String owner) {
        refuseConfigMap(owner);
        return PodTemplateReference.read(template, location, owner);
    }

    /** Adds to {@code patch} the operation that sets the reference in spec.template. */
    void write(JsonPatch patch, PodTemplateSpec template, String owner, String value) {
        refuseConfigMap(owner);
        if (location instanceof PodAnnotation a) {
            Map<String, String> annotations = template.getMetadata() == null ? null : template.getMetadata().getAnnotations();
            patch.putInMap("/spec/template/metadata/annotations", annotations, a.key(), value);
            return;
        }
        int[] at = PodTemplateReference.envIndex(template, (ContainerEnv) location, owner);
        patch.op("replace", JsonPatch.pointer("spec", "template", "spec", "containers", at[0], "env", at[1], "value"), value);
    }

    private void refuseConfigMap(String owner) {
        if (location instanceof ModelReferenceLocation.ConfigMapKey) {
            throw new ServingException(Kind.REJECTED, "a model reference in a ConfigMap is not supported for argo-rollout yet ("
                    + owner + "): point the service at a container env var or a pod annotation of the Rollout's template");
        }
    }
}
