package dev.rollback.adapters.serving.helm;

import dev.rollback.core.Refusal;
import dev.rollback.core.infra.InfraChange;
import dev.rollback.core.infra.UndoRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

import static dev.rollback.adapters.serving.helm.HelmPlatformReadTest.IMG;
import static dev.rollback.adapters.serving.helm.HelmStandIn.NS;
import static dev.rollback.adapters.serving.helm.HelmStandIn.REL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * planUndo() of {@link HelmPlatform} around Helm's traps (failed revisions, pending-*), against the stand-in helm
 * executable: a script speaking Helm 3's documented output shapes, not Helm. Planning never runs helm rollback.
 */
class HelmPlatformPlanTest {

    @TempDir
    Path dir;

    HelmStandIn helm;

    HelmPlatform platform(HelmStandIn h) {
        helm = h;
        return new HelmPlatform(h.cli(), NS, REL, "model.uri");
    }

    HelmPlatform standard() {
        return platform(HelmStandIn.standardHistory(dir));
    }

    static UndoRequest to(long revision) {
        return new UndoRequest(OptionalLong.of(revision), false);
    }

    @Test
    void undoToPreviousSkipsTheFailedRevision() {
        InfraChange c = standard().planUndo(UndoRequest.previous());
        assertThat(c.action()).isEqualTo("helm rollback to revision 2");
        assertThat(c.before()).isEqualTo("revision 4 (chart recsys-1.4.0, app 2.4.4, images registry.example.com/fetcher:1.0, "
                + IMG + "1.4, registry.example.com/envoy:1.29, model models:/recsys/4)");
        assertThat(c.after()).startsWith("revision 2 (chart recsys-1.2.0, app 2.4.2, images ").endsWith("model models:/recsys/2)");
        assertThat(c.targetModelReference()).isEqualTo("models:/recsys/2");
        assertThat(c.params()).isEqualTo(Map.of("release", REL, "namespace", NS, "toRevision", "2",
                "fromRevision", "4", "fromStatus", "deployed"));
        assertThat(c.notes()).anySatisfy(n -> assertThat(n).startsWith("skipped revision(s) 3 (failed)").contains("helm#3722"));
        assertThat(c.notes()).contains("helm rollback creates a new revision (5) with revision 2's manifest; hooks and "
                + "anything outside the chart (DB migrations, CRDs) are not rolled back");
        assertThat(helm.calls("rollback")).isEmpty();
    }

    @Test
    void undoToAGivenRevision() {
        InfraChange c = standard().planUndo(to(1));
        assertThat(c.action()).isEqualTo("helm rollback to revision 1");
        assertThat(c.params()).containsEntry("toRevision", "1").containsEntry("fromRevision", "4");
        assertThat(c.targetModelReference()).isEqualTo("models:/recsys/1");
        assertThat(c.notes()).noneSatisfy(n -> assertThat(n).startsWith("skipped"));
    }

    @Test
    void anUnknownRevisionIsRefusedListingTheGoodOnes() {
        assertThatThrownBy(() -> standard().planUndo(to(9))).isInstanceOf(Refusal.class)
                .hasMessageStartingWith("Helm release ml-serving/recsys has no revision 9; revisions to roll back to: "
                        + "1 (superseded, recsys-1.1.0), 2 (superseded, recsys-1.2.0)");
    }

    @Test
    void aFailedTargetIsRefusedNamingTheGoodOnes() {
        assertThatThrownBy(() -> standard().planUndo(to(3))).isInstanceOf(Refusal.class)
                .hasMessageContaining("revision 3 of Helm release ml-serving/recsys is failed: Helm cannot roll back")
                .hasMessageEndingWith("Revisions to roll back to: 1 (superseded, recsys-1.1.0), 2 (superseded, recsys-1.2.0)");
    }

    @Test
    void theLiveRevisionIsRefusedAsAlreadyLive() {
        assertThatThrownBy(() -> standard().planUndo(to(4))).isInstanceOf(Refusal.class).hasMessageContaining("already live");
    }

    @Test
    void aSingleRevisionHasNothingToRollBackTo() {
        HelmPlatform p = platform(new HelmStandIn(dir).revision(1, "deployed", "Install complete", IMG + "1", "m1"));
        assertThatThrownBy(() -> p.planUndo(UndoRequest.previous())).isInstanceOf(Refusal.class)
                .hasMessageStartingWith("nothing to roll back to: Helm release ml-serving/recsys has no deployed or "
                        + "superseded revision before revision 1");
    }

    @Test
    void afterAFailedUpgradeTheStillDeployedRevisionIsTheTarget() {
        HelmPlatform p = platform(new HelmStandIn(dir)
                .revision(1, "superseded", "Install complete", IMG + "1", "m1")
                .revision(2, "deployed", "Upgrade complete", IMG + "2", "m2")
                .revision(3, "failed", "Upgrade \"recsys\" failed: boom", IMG + "3", "m3"));
        InfraChange c = p.planUndo(UndoRequest.previous());
        assertThat(c.params()).containsEntry("toRevision", "2").containsEntry("fromStatus", "failed");
        assertThat(c.before()).endsWith(", failed)");
        assertThat(c.notes()).anySatisfy(n -> assertThat(n).startsWith("revision 3 failed part-way"));
    }

    HelmPlatform pending() {
        return platform(new HelmStandIn(dir)
                .revision(1, "superseded", "Install complete", IMG + "1", "m1")
                .revision(2, "failed", "Upgrade \"recsys\" failed: boom", IMG + "2", "m2")
                .revision(3, "deployed", "Upgrade complete", IMG + "3", "m3")
                .revision(4, "pending-upgrade", "Preparing upgrade", IMG + "4", "m4"));
    }

    @Test
    void aPendingUpgradeIsRefusedWithTheWayOut() {
        assertThatThrownBy(() -> pending().planUndo(UndoRequest.previous())).isInstanceOf(Refusal.class)
                .hasMessageStartingWith("Helm release ml-serving/recsys is stuck in pending-upgrade (revision 4, "
                        + "\"Preparing upgrade\"): Helm refuses every operation until it is cleared (helm#11863). If no "
                        + "helm operation is really running")
                .hasMessageContaining("rerun with --fix-pending to clear it by rolling back to revision 3 (helm rollback recsys 3");
        assertThat(helm.calls("rollback")).isEmpty();
    }

    @Test
    void fixPendingPlansTheRollbackToTheLastDeployedRevisionAndSaysWhatItDoes() {
        InfraChange c = pending().planUndo(new UndoRequest(OptionalLong.empty(), true));
        assertThat(c.action()).isEqualTo("helm rollback to revision 3");
        assertThat(c.params()).containsEntry("fromRevision", "4").containsEntry("fromStatus", "pending-upgrade");
        assertThat(c.notes().get(0)).startsWith("--fix-pending: runs `helm rollback recsys 3` on the release stuck in "
                + "pending-upgrade (revision 4). Helm's rollback does not refuse a pending release")
                .contains("creates revision 5 with revision 3's manifest", "Nothing is deleted");
    }

    @Test
    void fixPendingWithAGivenRevisionStillRefusesAFailedOne() {
        assertThatThrownBy(() -> pending().planUndo(new UndoRequest(OptionalLong.of(2), true)))
                .isInstanceOf(Refusal.class).hasMessageContaining("is failed");
        assertThat(pending().planUndo(new UndoRequest(OptionalLong.of(1), true)).params()).containsEntry("toRevision", "1");
    }

    @Test
    void aPendingInstallWithoutAGoodRevisionCannotBeFixedByARollback() {
        HelmPlatform p = platform(new HelmStandIn(dir).revision(1, "pending-install", "Initial install underway", IMG + "1", "m1"));
        assertThatThrownBy(() -> p.planUndo(new UndoRequest(OptionalLong.empty(), true))).isInstanceOf(Refusal.class)
                .hasMessageContaining("stuck in pending-install (revision 1) and has no deployed or superseded revision")
                .hasMessageContaining("helm uninstall recsys -n ml-serving");
    }
}
