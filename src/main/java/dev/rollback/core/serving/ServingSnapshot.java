package dev.rollback.core.serving;

/**
 * The serving object as read: the model reference it serves and the facts needed to change it safely.
 *
 * @param resourceVersion the object's resourceVersion, for optimistic concurrency
 * @param generation      metadata.generation of the workload (to check the rollout observed it)
 * @param revision        the workload's rollout revision when known (deployment.kubernetes.io/revision), else ""
 */
public record ServingSnapshot(String modelReference, String resourceVersion, long generation, String revision) {
}
