package dev.rollback.adapters.serving.helm;

import dev.rollback.core.infra.ChangeContext;
import dev.rollback.core.infra.InfraChange;
import dev.rollback.core.infra.RolloutPhase;
import dev.rollback.core.infra.UndoRequest;
import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.ServingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.rollback.adapters.serving.helm.HelmPlatformReadTest.IMG;
import static dev.rollback.adapters.serving.helm.HelmStandIn.NS;
import static dev.rollback.adapters.serving.helm.HelmStandIn.REL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * apply(), revert() and awaitRollout() of {@link HelmPlatform} against the stand-in helm executable: a script that
 * speaks Helm 3's documented shapes ("Rollback was a success! Happy Helming!", a new "Rollback to N" revision), not Helm.
 */
class HelmPlatformApplyTest {

    @TempDir
    Path dir;

    final List<String> progress = new CopyOnWriteArrayList<>();
    final ChangeContext ctx = new ChangeContext("rollback rb-1 by alice: diversity collapsed", Duration.ofMinutes(5), progress::add);

    HelmStandIn standard() {
        return HelmStandIn.standardHistory(dir);
    }

    @Test
    void appliesWithWaitTimeoutNamespaceAndKubeContext() {
        HelmStandIn helm = standard();
        HelmPlatform p = new HelmPlatform(helm.cli("helm", "prod-eu"), NS, REL, "model.uri");
        InfraChange c = p.planUndo(UndoRequest.previous());
        assertThat(p.apply(c.params(), ctx)).isEqualTo("revision 5 (rollback to 2) deployed");
        assertThat(helm.calls("rollback")).containsExactly(List.of("rollback", REL, "2", "--wait", "--timeout", "5m0s",
                "--namespace", NS, "--kube-context", "prod-eu"));
        assertThat(helm.calls()).filteredOn(a -> !a.get(0).equals("version"))
                .allSatisfy(a -> assertThat(String.join(" ", a)).contains("--namespace ml-serving --kube-context prod-eu"));
        assertThat(helm.calls("version")).hasSize(1);
        assertThat(helm.revisions()).endsWith("4 superseded Upgrade complete", "5 deployed Rollback to 2");
        assertThat(p.read().modelReference()).isEqualTo("models:/recsys/2");
        RolloutOutcome o = p.awaitRollout(Duration.ofMinutes(1), x -> { });
        assertThat(o.complete()).isTrue();
        assertThat(o.summary()).isEqualTo("Helm release ml-serving/recsys revision 5 is deployed: Rollback to 2");
    }

    @Test
    void applyingAgainAfterACrashFindsItDone() {
        HelmStandIn helm = standard();
        HelmPlatform p = new HelmPlatform(helm.cli(), NS, REL, null);
        Map<String, String> params = p.planUndo(UndoRequest.previous()).params();
        p.apply(params, ctx);
        // a new process resumes from the journal: same params, fresh platform
        HelmPlatform resumed = new HelmPlatform(helm.cli(), NS, REL, null);
        assertThat(resumed.apply(params, ctx)).isEqualTo("revision 5 (rollback to 2) already deployed; nothing to do");
        assertThat(helm.calls("rollback")).hasSize(1);
    }

    @Test
    void revertRestoresTheOriginalRevisionOnce() {
        HelmStandIn helm = standard();
        HelmPlatform p = new HelmPlatform(helm.cli(), NS, REL, "model.uri");
        Map<String, String> params = p.planUndo(UndoRequest.previous()).params();
        assertThat(p.revert(params, ctx)).contains("the rollback never ran, nothing to revert");
        p.apply(params, ctx);
        assertThat(p.revert(params, ctx)).isEqualTo("revision 6 (rollback to 4) deployed");
        assertThat(p.revert(params, ctx)).isEqualTo("revision 6 (rollback to 4) already deployed; nothing to do");
        assertThat(helm.calls("rollback")).extracting(a -> a.get(2)).containsExactly("2", "4");
        assertThat(p.read().modelReference()).isEqualTo("models:/recsys/4");
    }

    @Test
    void aReleaseChangedSinceThePlanIsNotTouched() {
        HelmStandIn helm = standard();
        HelmPlatform p = new HelmPlatform(helm.cli(), NS, REL, null);
        Map<String, String> params = p.planUndo(UndoRequest.previous()).params();
        helm.revision(5, "deployed", "Upgrade complete", IMG + "1.5", "models:/recsys/5");
        assertThatThrownBy(() -> p.apply(params, ctx))
                .isInstanceOfSatisfying(ServingException.class, e -> assertThat(e.kind()).isEqualTo(ServingException.Kind.CONFLICT))
                .hasMessageContaining("changed since the plan: it is at revision 5");
        assertThat(helm.calls("rollback")).isEmpty();
    }

    @Test
    void aFailedRollbackIsAServingExceptionWithHelmsMessage() {
        HelmStandIn helm = standard().set("rollback_failure", "Error: timed out waiting for the condition");
        HelmPlatform p = new HelmPlatform(helm.cli(), NS, REL, null);
        Map<String, String> params = p.planUndo(UndoRequest.previous()).params();
        assertThatThrownBy(() -> p.apply(params, ctx))
                .isInstanceOfSatisfying(ServingException.class, e -> assertThat(e.kind()).isEqualTo(ServingException.Kind.REJECTED))
                .hasMessage("helm rollback recsys 2 (namespace ml-serving) failed: Error: timed out waiting for the condition");
        RolloutOutcome o = p.awaitRollout(Duration.ofMinutes(1), x -> { });
        assertThat(o.complete()).isFalse();
        assertThat(o.summary()).isEqualTo("Helm release ml-serving/recsys revision 5 is failed: "
                + "Release \"recsys\" failed: timed out waiting for the condition");
        // a retry after the failure is allowed: the failed revision is ours
        helm.set("rollback_failure", null);
        assertThat(p.apply(params, ctx)).isEqualTo("revision 6 (rollback to 2) deployed");
    }

    @Test
    void reportsProgressWhileHelmWaits() {
        HelmStandIn helm = standard().set("rollback_sleep", 2.5);
        HelmPlatform p = new HelmPlatform(helm.cli(), NS, REL, null);
        p.apply(p.planUndo(UndoRequest.previous()).params(), ctx);
        assertThat(progress).startsWith("waiting for helm rollback (1 s)", "waiting for helm rollback (2 s)");
    }

    @Test
    void fixPendingClearsTheStuckRelease() {
        HelmStandIn helm = standard().revision(5, "pending-upgrade", "Preparing upgrade", IMG + "1.5", "models:/recsys/5");
        HelmPlatform p = new HelmPlatform(helm.cli(), NS, REL, null);
        InfraChange c = p.planUndo(new UndoRequest(OptionalLong.empty(), true));
        assertThat(p.apply(c.params(), ctx)).isEqualTo("revision 6 (rollback to 4) deployed");
        assertThat(helm.revisions()).endsWith("4 superseded Upgrade complete", "5 pending-upgrade Preparing upgrade",
                "6 deployed Rollback to 4");
        assertThat(p.read().phase()).isEqualTo(RolloutPhase.COMPLETE);
    }

    @Test
    void helm4WaitsTheHelm3WayAndThePlanSaysSo() {
        HelmStandIn helm = standard().version("v4.0.1");
        HelmPlatform p = new HelmPlatform(helm.cli(), NS, REL, null);
        InfraChange c = p.planUndo(UndoRequest.previous());
        assertThat(c.notes()).anySatisfy(n -> assertThat(n).startsWith("Helm v4.0.1 detected").contains("--wait=legacy"));
        p.apply(c.params(), new ChangeContext("x", Duration.ofSeconds(90), progress::add));
        assertThat(helm.calls("rollback")).containsExactly(List.of("rollback", REL, "2", "--wait=legacy", "--timeout",
                "1m30s", "--namespace", NS));
    }
}
