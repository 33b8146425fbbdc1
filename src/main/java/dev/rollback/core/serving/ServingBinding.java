package dev.rollback.core.serving;

/**
 * Where one service's serving layer names the model it loads (a container env var, a pod-template
 * annotation, or a ConfigMap key), and how to change it and wait until the change is live.
 */
public interface ServingBinding extends RolloutWatcher {

    /** For plans and messages, e.g. "Deployment ml-serving/model-server container server env MODEL_URI". */
    @Override
    String describe();

    /** The current model reference and the object's version; NOT_FOUND when the object is missing. */
    ServingSnapshot read();

    /**
     * Sets the model reference, but only if the object is still at {@code expected.resourceVersion()}
     * (CONFLICT otherwise: someone changed it since we read it). Records {@code changeCause} in the
     * {@code kubernetes.io/change-cause} annotation. For a ConfigMap binding this also restarts the
     * rollout, since pods do not reload it by themselves. Returns the state right after the write.
     */
    ServingSnapshot setModelReference(ServingSnapshot expected, String newReference, String changeCause);
}
