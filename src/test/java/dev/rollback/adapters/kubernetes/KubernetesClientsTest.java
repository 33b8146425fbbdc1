package dev.rollback.adapters.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kubeconfig and context resolution as kubectl does it, checked by talking to a mock API server. */
@EnableKubernetesMockClient(crud = true)
class KubernetesClientsTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final String TOKEN = "secret-token-do-not-print";

    @TempDir
    Path dir;

    /** Two contexts on the same mock server, told apart by their namespace. */
    private Path kubeconfig(String name, String currentContext, String... contexts) throws IOException {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\n");
        if (currentContext != null) {
            yaml.append("current-context: ").append(currentContext).append('\n');
        }
        yaml.append("clusters:\n- name: mock\n  cluster:\n    server: ").append(client.getMasterUrl())
                .append("\n    insecure-skip-tls-verify: true\n");
        yaml.append("users:\n- name: oncall\n  user:\n    token: ").append(TOKEN).append('\n');
        yaml.append("contexts:\n");
        for (String context : contexts) {
            yaml.append("- name: ").append(context).append("\n  context:\n    cluster: mock\n    user: oncall\n")
                    .append("    namespace: ns-").append(context).append('\n');
        }
        return Files.writeString(dir.resolve(name), yaml);
    }

    /** Proves the client really reaches the server, in the context's namespace. */
    private static void assertTalksToMockIn(KubernetesClient created, String namespace) {
        assertThat(created.getNamespace()).isEqualTo(namespace);
        String name = "probe-" + System.nanoTime();
        created.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
                .addToData("k", "v").build()).create();
        assertThat(client.configMaps().inNamespace(namespace).withName(name).get()).isNotNull();
    }

    @Test
    void theNamedContextWinsOverCurrentContext() throws IOException {
        Path file = kubeconfig("config", "staging", "staging", "prod");
        try (KubernetesClient created = KubernetesClients.create(file, "prod", TIMEOUT, Map.of())) {
            assertTalksToMockIn(created, "ns-prod");
            assertThat(created.getConfiguration().getRequestConfig().getRequestTimeout()).isEqualTo(5000);
        }
        try (KubernetesClient created = KubernetesClients.create(file, null, TIMEOUT, Map.of())) {
            assertTalksToMockIn(created, "ns-staging");
        }
    }

    @Test
    void kubeconfigEnvListIsMergedAndMissingEntriesSkipped() throws IOException {
        Path first = kubeconfig("a.yaml", "staging", "staging");
        Path second = kubeconfig("b.yaml", "prod", "prod");
        String list = first + File.pathSeparator + dir.resolve("gone.yaml") + File.pathSeparator + second;
        Map<String, String> env = Map.of("KUBECONFIG", list, "HOME", dir.toString());

        try (KubernetesClient created = KubernetesClients.create(null, "prod", TIMEOUT, env)) {
            assertTalksToMockIn(created, "ns-prod"); // context from the second file
        }
        try (KubernetesClient created = KubernetesClients.create(null, null, TIMEOUT, env)) {
            assertTalksToMockIn(created, "ns-staging"); // current-context of the first file that sets one
        }
    }

    @Test
    void homeKubeConfigIsTheFallback() throws IOException {
        Files.createDirectories(dir.resolve(".kube"));
        kubeconfig(".kube/config", "staging", "staging");
        try (KubernetesClient created = KubernetesClients.create(null, null, TIMEOUT, Map.of("HOME", dir.toString()))) {
            assertTalksToMockIn(created, "ns-staging");
        }
    }

    @Test
    void anUnknownContextIsNamedWithTheAvailableOnesAndNoSecrets() throws IOException {
        Path file = kubeconfig("config", "staging", "staging", "prod");
        // fabric8 alone would silently fall back to current-context (staging) here.
        assertThatThrownBy(() -> KubernetesClients.create(file, "prdo", TIMEOUT, Map.of()))
                .isInstanceOf(KubernetesConfigException.class)
                .hasMessage("context prdo not found in kubeconfig " + file + "; available contexts: staging, prod")
                .hasMessageNotContaining(TOKEN);

        Path dangling = kubeconfig("dangling", "deleted-cluster", "staging");
        assertThatThrownBy(() -> KubernetesClients.create(dangling, null, TIMEOUT, Map.of()))
                .hasMessage("current-context deleted-cluster not found in kubeconfig " + dangling
                        + "; available contexts: staging");
    }

    @Test
    void missingKubeconfigFilesAreNamed() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> KubernetesClients.create(missing, null, TIMEOUT, Map.of()))
                .isInstanceOf(KubernetesConfigException.class)
                .hasMessage("kubeconfig file " + missing + " does not exist");

        String list = missing + File.pathSeparator + dir.resolve("also-nope");
        assertThatThrownBy(() -> KubernetesClients.create(null, null, TIMEOUT, Map.of("KUBECONFIG", list)))
                .hasMessage("none of the kubeconfig files in $KUBECONFIG exists: " + list);

        assertThatThrownBy(() -> KubernetesClients.create(null, null, TIMEOUT, Map.of("HOME", dir.toString())))
                .hasMessage("no kubeconfig found and not running in a pod: pass --kubeconfig, set $KUBECONFIG, "
                        + "or create ~/.kube/config");
    }

    @Test
    void inAPodWithoutKubeconfigTheServiceAccountIsUsed() throws IOException {
        Path sa = Files.createDirectories(dir.resolve("serviceaccount"));
        Files.writeString(sa.resolve("token"), "token-1\n");
        Files.writeString(sa.resolve("namespace"), "ml-serving\n");
        Map<String, String> env = Map.of("HOME", dir.toString(),
                "KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "6443");

        Config config = KubernetesClients.config(null, null, TIMEOUT, env, sa);

        assertThat(config.getMasterUrl()).isEqualTo("https://10.0.0.1:6443/");
        assertThat(config.getNamespace()).isEqualTo("ml-serving");
        assertThat(config.getOauthTokenProvider().getToken()).isEqualTo("token-1");
        // Projected tokens rotate: the provider reads the file again each time.
        Files.writeString(sa.resolve("token"), "token-2\n");
        assertThat(config.getOauthTokenProvider().getToken()).isEqualTo("token-2");
        // A context only makes sense with a kubeconfig.
        assertThatThrownBy(() -> KubernetesClients.config(null, "prod", TIMEOUT, env, sa))
                .hasMessage("no kubeconfig found to look up context prod: pass --kubeconfig or set $KUBECONFIG");
    }
}
