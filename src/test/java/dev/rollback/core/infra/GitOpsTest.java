package dev.rollback.core.infra;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which labels and annotations mean Argo CD or Flux will revert a manual rollback. */
class GitOpsTest {

    @Test
    void argoCdAnnotationTrackingIsCertainAndNamesTheApplication() {
        assertThat(GitOps.detect(Map.of(), Map.of("argocd.argoproj.io/tracking-id",
                "argocd_recsys-prod:apps/Deployment:ml/model-server"))).hasValue(new GitOpsOwner("Argo CD",
                "Application argocd_recsys-prod", "argocd app set recsys-prod --sync-policy none", true));
    }

    @Test
    void theCommonInstanceLabelIsOnlyAHintAndNothingWithHelmsManagedBy() {
        assertThat(GitOps.detect(Map.of("app.kubernetes.io/instance", "recsys"), Map.of()))
                .hasValueSatisfying(owner -> assertThat(owner.certain()).isFalse());
        assertThat(GitOps.detect(Map.of("app.kubernetes.io/instance", "recsys", "app.kubernetes.io/managed-by", "Helm"),
                Map.of())).isEmpty();
        assertThat(GitOps.detect(null, null)).isEmpty();
    }

    @Test
    void fluxKustomizationAndHelmReleaseLabels() {
        assertThat(GitOps.detect(Map.of("kustomize.toolkit.fluxcd.io/name", "apps",
                "kustomize.toolkit.fluxcd.io/namespace", "flux-system"), Map.of())).hasValue(new GitOpsOwner("Flux",
                "Kustomization flux-system/apps", "flux suspend kustomization apps -n flux-system", true));
        assertThat(GitOps.detect(Map.of("helm.toolkit.fluxcd.io/name", "recsys"), Map.of()))
                .hasValueSatisfying(owner -> assertThat(owner.pause()).isEqualTo("flux suspend helmrelease recsys -n flux-system"));
    }
}
