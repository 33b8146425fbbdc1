package dev.rollback.core.infra;

/**
 * A GitOps controller that manages the serving object and will revert a manual rollback at its next sync.
 *
 * @param tool   "Argo CD" or "Flux"
 * @param owner  the Argo CD Application or Flux Kustomization/HelmRelease, as far as the object tells
 * @param pause  the command that pauses syncing, to run before rolling back (and to undo after fixing git)
 * @param certain false when only a label that others set too points at it (app.kubernetes.io/instance)
 */
public record GitOpsOwner(String tool, String owner, String pause, boolean certain) {
}
