package dev.rollback.core.infra;

import java.util.Map;
import java.util.Optional;

/**
 * Tells from an object's labels and annotations whether Argo CD or Flux manages it. Such a controller
 * re-applies git's state at its next sync, silently undoing a manual rollback (argo-cd#2441, flagger#682),
 * so a rollback must pause it first.
 */
public final class GitOps {

    static final String ARGO_TRACKING_ID = "argocd.argoproj.io/tracking-id";
    static final String ARGO_INSTANCE = "argocd.argoproj.io/instance";
    static final String APP_INSTANCE = "app.kubernetes.io/instance";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String FLUX_KUSTOMIZATION = "kustomize.toolkit.fluxcd.io/name";
    static final String FLUX_KUSTOMIZATION_NS = "kustomize.toolkit.fluxcd.io/namespace";
    static final String FLUX_HELMRELEASE = "helm.toolkit.fluxcd.io/name";
    static final String FLUX_HELMRELEASE_NS = "helm.toolkit.fluxcd.io/namespace";

    private GitOps() {
    }

    public static Optional<GitOpsOwner> detect(Map<String, String> labels, Map<String, String> annotations) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        Map<String, String> a = annotations == null ? Map.of() : annotations;
        String tracking = a.get(ARGO_TRACKING_ID);
        if (tracking != null) {
            // "<app>:<group>/<kind>:<namespace>/<name>"; the app may be "<app-namespace>_<app>"
            return Optional.of(argo(tracking.split(":", 2)[0], true));
        }
        if (l.containsKey(ARGO_INSTANCE)) {
            return Optional.of(argo(l.get(ARGO_INSTANCE), true));
        }
        // Argo CD's label tracking (its default before 3.0) uses app.kubernetes.io/instance, which Helm charts and
        // plain manifests set too: a hint only (a warning, not a refusal), and none at all with Helm's managed-by.
        if (l.containsKey(APP_INSTANCE) && !l.containsKey(MANAGED_BY)) {
            return Optional.of(argo(l.get(APP_INSTANCE), false));
        }
        if (l.containsKey(FLUX_KUSTOMIZATION)) {
            return Optional.of(flux("kustomization", l.get(FLUX_KUSTOMIZATION), l.get(FLUX_KUSTOMIZATION_NS)));
        }
        if (l.containsKey(FLUX_HELMRELEASE)) {
            return Optional.of(flux("helmrelease", l.get(FLUX_HELMRELEASE), l.get(FLUX_HELMRELEASE_NS)));
        }
        return Optional.empty();
    }

    private static GitOpsOwner argo(String app, boolean certain) {
        String name = app.contains("_") ? app.substring(app.indexOf('_') + 1) : app;
        return new GitOpsOwner("Argo CD", "Application " + app,
                "argocd app set " + name + " --sync-policy none", certain);
    }

    private static GitOpsOwner flux(String kind, String name, String namespace) {
        String ns = namespace == null || namespace.isBlank() ? "flux-system" : namespace;
        return new GitOpsOwner("Flux", (kind.equals("kustomization") ? "Kustomization " : "HelmRelease ") + ns + "/" + name,
                "flux suspend " + kind + " " + name + " -n " + ns, true);
    }
}
