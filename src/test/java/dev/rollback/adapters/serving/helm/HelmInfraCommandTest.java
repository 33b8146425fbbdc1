package dev.rollback.adapters.serving.helm;

import dev.rollback.testsupport.CliResult;
import dev.rollback.testsupport.CliRunner;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.rollback.adapters.serving.helm.HelmPlatformReadTest.IMG;
import static dev.rollback.adapters.serving.helm.HelmStandIn.NS;
import static dev.rollback.adapters.serving.helm.HelmStandIn.REL;
import static dev.rollback.testsupport.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rollback infra} for a {@code kind: helm} service, through the CLI: rollback.yaml names the stand-in
 * helm executable (it speaks Helm 3's documented shapes; it is not Helm), and the service's lock is a Lease
 * on fabric8's mock API server in CRUD mode, found through the same kubeconfig the tool hands to helm.
 */
@EnableKubernetesMockClient(crud = true)
class HelmInfraCommandTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path dir;

    @Test
    void rollsTheReleaseBackThroughTheConfiguredHelmAndJournalsIt() throws Exception {
        HelmStandIn helm = releaseWithAFailedUpgrade();

        assertThat(cli().run("infra", "recsys", "--to", "5")).exitedWith(2).errContains("--to-revision N");
        CliResult plan = cli().run("infra", "recsys", "--dry-run");
        assertThat(plan).succeeded().outContains("Helm release ml-serving/recsys: helm rollback to revision 2");
        assertThat(helm.calls("rollback")).isEmpty();

        CliResult result = cli().run("infra", "recsys", "--yes", "--reason", "bad chart", "--timeout", "2m");

        assertThat(result).succeeded().outContains("rolled back recsys");
        assertThat(helm.calls("rollback")).containsExactly(List.of("rollback", REL, "2", "--wait", "--timeout", "2m0s",
                "--namespace", NS, "--kubeconfig", dir.resolve("kubeconfig").toString()));
        assertThat(helm.revisions()).last().isEqualTo("5 deployed Rollback to 2");
        assertThat(result.out()).doesNotContain("hunter2"); // a chart value that is a secret never shows
    }

    @Test
    void aReleaseStuckInPendingIsExplainedAndLeftAlone() throws Exception {
        HelmStandIn helm = releaseWithAFailedUpgrade().revision(5, "pending-upgrade", "Preparing upgrade", IMG + "1.5",
                "models:/recsys/4");

        CliResult result = cli().run("infra", "recsys", "--yes");

        assertThat(result).exitedWith(7).errContains("pending-upgrade", "--fix-pending");
        assertThat(helm.calls("rollback")).isEmpty();
    }

    @Test
    void aMissingHelmIsOneClearLine() throws Exception {
        releaseWithAFailedUpgrade();
        writeConfig(dir.resolve("no-such-dir/helm").toString());

        CliResult result = cli().run("infra", "recsys", "--yes");

        assertThat(result).exitedWith(7).errIsOneLine().errContains("helm");
    }

    private HelmStandIn releaseWithAFailedUpgrade() throws Exception {
        HelmStandIn helm = HelmStandIn.standardHistory(dir);
        Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: %s, insecure-skip-tls-verify: true}
                users:
                - name: tester
                  user: {token: test-token}
                contexts:
                - name: mock
                  context: {cluster: mock, user: tester, namespace: %s}
                current-context: mock
                """.formatted(client.getMasterUrl(), NS));
        writeConfig(helm.bin.resolve("helm").toString());
        return helm;
    }

    private void writeConfig(String helmBinary) throws Exception {
        Files.writeString(dir.resolve("rollback.yaml"), """
                registries:
                  default: {trackingUri: "http://127.0.0.1:9"}
                services:
                  recsys:
                    model: {name: homepage-recsys}
                    serving:
                      kind: helm
                      namespace: %s
                      name: %s
                      helm: %s
                      kubeconfig: kubeconfig
                """.formatted(NS, REL, helmBinary));
    }

    private CliRunner cli() {
        return new CliRunner(dir).env("ROLLBACK_STATE_DIR", dir.resolve("state").toString())
                .env("ROLLBACK_USER", "oncall@example.com");
    }
}
