package dev.rollback.adapters.serving.helm;

import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.rollback.adapters.serving.helm.HelmPlatformReadTest.IMG;
import static dev.rollback.adapters.serving.helm.HelmStandIn.NS;
import static dev.rollback.adapters.serving.helm.HelmStandIn.REL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link HelmCli} against the stand-in helm executable (a script speaking Helm 3's documented shapes, not Helm):
 * finding the binary, the version gate, flags passed, errors classified, timeouts.
 */
class HelmCliTest {

    @TempDir
    Path dir;

    HelmStandIn helm() {
        return new HelmStandIn(dir).revision(1, "deployed", "Install complete", IMG + "1", "m1");
    }

    static void assertKind(Throwable e, Kind kind) {
        assertThat(e).isInstanceOf(ServingException.class);
        assertThat(((ServingException) e).kind()).isEqualTo(kind);
    }

    @Test
    void helmMissingFromPathIsNamedWithTheFix() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        HelmCli cli = new HelmCli("helm", null, null, Map.of("PATH", empty.toString()), "recsys");
        assertThatThrownBy(() -> new HelmPlatform(cli, NS, REL, null).read())
                .satisfies(e -> assertKind(e, Kind.NOT_FOUND))
                .hasMessage("helm not found on PATH; install Helm 3 or set services.recsys.serving.helm");
        HelmCli explicit = new HelmCli(dir.resolve("nope/helm").toString(), null, null, Map.of(), "recsys");
        assertThatThrownBy(explicit::version).hasMessageContaining("does not exist or is not executable")
                .hasMessageContaining("services.recsys.serving.helm");
    }

    @Test
    void helm2IsTooOldAndNothingElseRuns() {
        HelmStandIn helm = helm().version("v2.17.0");
        assertThatThrownBy(() -> new HelmPlatform(helm.cli(), NS, REL, null).read())
                .satisfies(e -> assertKind(e, Kind.REJECTED))
                .hasMessageStartingWith("Helm v2.17.0 is too old: rollback needs Helm 3 or 4");
        assertThat(helm.calls()).containsExactly(List.of("version", "--template", "{{.Version}}"));
    }

    @Test
    void anUnreadableVersionIsRefused() {
        HelmStandIn helm = helm().error("version", "Error: template: version:1:2: executing \"version\" at <.Version>: "
                + "can't evaluate field Version");
        assertThatThrownBy(() -> helm.cli().version()).hasMessageContaining("could not tell the Helm version")
                .hasMessageContaining("can't evaluate field Version").hasMessageContaining("Helm 2 is too old");
    }

    @Test
    void theVersionIsCheckedOnce() {
        HelmStandIn helm = helm();
        HelmCli cli = helm.cli();
        cli.run(NS, List.of("history", REL, "-o", "json"));
        cli.run(NS, List.of("history", REL, "-o", "json"));
        assertThat(cli.version()).isEqualTo(new HelmVersion("v3.21.0", 3));
        assertThat(helm.calls("version")).hasSize(1);
    }

    @Test
    void passesKubeconfigAndContextButNeverLeaksTheEnvironment() {
        HelmStandIn helm = helm().error("history", "Error: Kubernetes cluster unreachable: Get \"https://10.0.0.1:6443/version\": "
                + "dial tcp 10.0.0.1:6443: connect: connection refused");
        HelmCli cli = new HelmCli("helm", "prod", "/etc/kube/prod.yaml",
                Map.of("PATH", helm.bin.toString(), "AWS_SECRET_ACCESS_KEY", "s3cr3t-value"), "recsys");
        assertThatThrownBy(() -> cli.run(NS, List.of("history", REL, "-o", "json")))
                .satisfies(e -> assertKind(e, Kind.UNREACHABLE))
                .hasMessageStartingWith("helm history recsys (namespace ml-serving) failed: Error: Kubernetes cluster unreachable")
                .hasMessageNotContaining("s3cr3t-value").hasMessageNotContaining("prod.yaml");
        assertThat(helm.calls("history")).containsExactly(List.of("history", REL, "-o", "json", "--namespace", NS,
                "--kube-context", "prod", "--kubeconfig", "/etc/kube/prod.yaml"));
    }

    @Test
    void classifiesHelmsErrors() {
        HelmStandIn helm = helm();
        Map<String, Kind> cases = Map.of(
                "Error: query: failed to query with labels: secrets is forbidden: User \"bob\" cannot list resource", Kind.FORBIDDEN,
                "Error: Unauthorized", Kind.FORBIDDEN,
                "Error: another operation (install/upgrade/rollback) is in progress", Kind.CONFLICT,
                "Error: \"recsys\" has no deployed releases", Kind.NOT_FOUND,
                "Error: release has no 9 version", Kind.REJECTED);
        cases.forEach((stderr, kind) -> {
            helm.error("rollback", "W0301 10:00:00.000000  1 warnings.go:70] noise\n" + stderr);
            assertThatThrownBy(() -> helm.cli().run(NS, List.of("rollback", REL, "1")))
                    .satisfies(e -> assertKind(e, kind)).hasMessageEndingWith(stderr);
        });
    }

    @Test
    void aHelmThatHangsIsKilledAtTheTimeout() {
        HelmStandIn helm = helm().set("rollback_sleep", 30);
        long start = System.nanoTime();
        assertThatThrownBy(() -> helm.cli().run(NS, List.of("rollback", REL, "1"), Duration.ofSeconds(1), null))
                .satisfies(e -> assertKind(e, Kind.UNREACHABLE))
                .hasMessage("helm rollback recsys 1 did not finish within 1s; helm was stopped and the release may be "
                        + "left in pending-rollback (an undo with --fix-pending clears it)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
