package dev.rollback.adapters.serving.helm;

import dev.rollback.core.infra.RolloutPhase;
import dev.rollback.core.infra.ServingRevision;
import dev.rollback.core.infra.ServingState;
import dev.rollback.core.serving.ServingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.rollback.adapters.serving.helm.HelmStandIn.NS;
import static dev.rollback.adapters.serving.helm.HelmStandIn.REL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * read() and history() of {@link HelmPlatform} against a stand-in helm executable (src/test/resources/helm-standin):
 * a small script speaking Helm 3's documented output shapes over a JSON state file. It is not Helm.
 */
class HelmPlatformReadTest {

    static final String IMG = HelmStandIn.IMG;

    @TempDir
    Path dir;

    HelmStandIn standardHistory() {
        return HelmStandIn.standardHistory(dir);
    }

    @Test
    void readsTheLatestRevisionWithItsImagesAndModel() {
        HelmStandIn helm = standardHistory();
        ServingState s = new HelmPlatform(helm.cli(), NS, REL, "model.uri").read();
        assertThat(s.kind()).isEqualTo("helm");
        assertThat(s.object()).isEqualTo("Helm release ml-serving/recsys");
        assertThat(s.revision()).isEqualTo("4");
        assertThat(s.images()).containsExactly("registry.example.com/fetcher:1.0", IMG + "1.4", "registry.example.com/envoy:1.29");
        assertThat(s.modelReference()).isEqualTo("models:/recsys/4");
        assertThat(s.desired()).isEqualTo(-1);
        assertThat(s.ready()).isEqualTo(-1);
        assertThat(s.phase()).isEqualTo(RolloutPhase.COMPLETE);
        assertThat(s.gitOps()).isEmpty();
        assertThat(helm.calls("get")).containsExactly(
                List.of("get", "manifest", REL, "--revision", "4", "--namespace", NS),
                List.of("get", "values", REL, "--revision", "4", "-o", "json", "--all", "--namespace", NS));
    }

    @Test
    void withoutAValuePathTheModelIsUnknownAndValuesAreNotRead() {
        HelmStandIn helm = standardHistory();
        assertThat(new HelmPlatform(helm.cli(), NS, REL, null).read().modelReference()).isEmpty();
        assertThat(helm.calls("get")).extracting(c -> c.get(1)).containsExactly("manifest");
    }

    @Test
    void historyListsEveryRevisionWithContentAndMarksTheNewestDeployedLive() {
        HelmStandIn helm = standardHistory();
        List<ServingRevision> h = new HelmPlatform(helm.cli(), NS, REL, "model.uri").history();
        assertThat(h).extracting(ServingRevision::number).containsExactly(1L, 2L, 3L, 4L);
        assertThat(h).extracting(ServingRevision::status).containsExactly("superseded", "superseded", "failed", "deployed");
        assertThat(h).extracting(ServingRevision::live).containsExactly(false, false, false, true);
        assertThat(h).extracting(ServingRevision::modelReference)
                .containsExactly("models:/recsys/1", "models:/recsys/2", "models:/recsys/3", "models:/recsys/4");
        assertThat(h.get(2).changeCause()).isEqualTo("Upgrade \"recsys\" failed: timed out waiting for the condition");
        assertThat(h.get(2).images()).contains(IMG + "1.3");
        assertThat(h.get(1).createdAt()).isEqualTo(Instant.parse("2024-03-03T09:00:00.123456789Z"));
        assertThat(helm.calls("get")).hasSize(8);
    }

    @Test
    void aReleaseStuckInPendingUpgradeReadsAsProgressingAndSaysItBlocksEverything() {
        HelmStandIn helm = standardHistory().revision(5, "pending-upgrade", "Preparing upgrade", IMG + "1.5", "models:/recsys/5");
        ServingState s = new HelmPlatform(helm.cli(), NS, REL, null).read();
        assertThat(s.phase()).isEqualTo(RolloutPhase.PROGRESSING);
        assertThat(s.revision()).isEqualTo("5");
        assertThat(s.phaseDetail()).startsWith("stuck in pending-upgrade? revision 5 (\"Preparing upgrade\")")
                .contains("Helm refuses every operation", "helm#11863", "--fix-pending");
    }

    @Test
    void aFailedLatestRevisionIsStuck() {
        HelmStandIn helm = new HelmStandIn(dir)
                .revision(1, "deployed", "Install complete", IMG + "1.1", "m1")
                .revision(2, "failed", "Upgrade \"recsys\" failed: context deadline exceeded", IMG + "1.2", "m2");
        ServingState s = new HelmPlatform(helm.cli(), NS, REL, null).read();
        assertThat(s.phase()).isEqualTo(RolloutPhase.STUCK);
        assertThat(s.phaseDetail()).isEqualTo("revision 2 failed: Upgrade \"recsys\" failed: context deadline exceeded");
    }

    @Test
    void detectsFluxFromTheHelmControllersLabels() {
        String labelled = HelmStandIn.manifest(IMG + "1.5").replace("    app.kubernetes.io/instance: recsys",
                "    helm.toolkit.fluxcd.io/name: recsys\n    helm.toolkit.fluxcd.io/namespace: flux-apps");
        HelmStandIn helm = new HelmStandIn(dir).set("revisions", List.of(Map.of("revision", 1, "updated", "2024-03-01T10:00:00Z",
                "status", "deployed", "chart", "recsys-1.0.0", "app_version", "2.4.0", "description", "Install complete",
                "manifest", labelled)));
        ServingState s = new HelmPlatform(helm.cli(), NS, REL, null).read();
        assertThat(s.gitOps()).hasValueSatisfying(g -> {
            assertThat(g.tool()).isEqualTo("Flux");
            assertThat(g.pause()).isEqualTo("flux suspend helmrelease recsys -n flux-apps");
        });
    }

    @Test
    void aWrongValuePathLeavesTheModelUnknownAndNamesTheKeysButNeverAValue() {
        HelmStandIn helm = standardHistory();
        var state = new HelmPlatform(helm.cli(), NS, REL, "model.path").read();
        assertThat(state.modelReference()).isEmpty();
        assertThat(state.phaseDetail()).contains("values have no 'model.path' ('model' has keys: uri)")
                .doesNotContain("hunter2");
    }

    @Test
    void aMissingReleaseIsNotFound() {
        HelmStandIn helm = standardHistory();
        assertThatThrownBy(() -> new HelmPlatform(helm.cli(), NS, "other", null).read())
                .isInstanceOfSatisfying(ServingException.class, e -> assertThat(e.kind()).isEqualTo(ServingException.Kind.NOT_FOUND))
                .hasMessage("helm history other (namespace ml-serving) failed: Error: release: not found");
    }
}
