package dev.rollback.adapters.serving.kubernetes;

import java.util.Objects;

/** Where, in or next to a Deployment, the model reference lives. */
public sealed interface ModelReferenceLocation {

    /** The literal {@code value} of env var {@code envVar} in container {@code container} of the pod template. */
    record ContainerEnv(String container, String envVar) implements ModelReferenceLocation {
        public ContainerEnv {
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(envVar, "envVar");
        }
    }

    /** An annotation on {@code spec.template.metadata.annotations}; changing it rolls the pods. */
    record PodAnnotation(String key) implements ModelReferenceLocation {
        public PodAnnotation {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * A key in a ConfigMap of the Deployment's namespace. Pods do not reload it, so a change also
     * restarts the Deployment the way {@code kubectl rollout restart} does.
     */
    record ConfigMapKey(String configMapName, String key) implements ModelReferenceLocation {
        public ConfigMapKey {
            Objects.requireNonNull(configMapName, "configMapName");
            Objects.requireNonNull(key, "key");
        }
    }
}
