package dev.rollback.adapters.lock.kubernetes;

import dev.rollback.core.lock.LockOwner;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No access or no cluster must read as such, naming the namespace and what to check, not as "lock held". */
@EnableKubernetesMockClient
class LeaseLockErrorsTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    static final String PATH = "/apis/coordination.k8s.io/v1/namespaces/prod/leases/rollback-fraud-model";
    static final LockOwner ALICE = new LockOwner("alice@laptop", 42);

    @Test
    void forbiddenNamesTheRbacRuleNeeded() {
        server.expect().get().withPath(PATH).andReturn(403, new StatusBuilder().withCode(403)
                .withReason("Forbidden").withMessage("leases is forbidden").build()).once();

        assertThatThrownBy(() -> new LeaseLockManager(client, "prod", Clock.systemUTC())
                .acquire("fraud-model", ALICE, Duration.ofSeconds(60), false))
                .isInstanceOf(LockUnavailableException.class)
                .hasMessage("not allowed to use the rollback lock in namespace prod (HTTP 403): the credentials need "
                        + "get, create and update on leases.coordination.k8s.io in namespace prod");
    }

    @Test
    void unauthorizedSaysToLogInAgain() {
        server.expect().get().withPath(PATH).andReturn(401, new StatusBuilder().withCode(401)
                .withReason("Unauthorized").build()).once();

        assertThatThrownBy(() -> new LeaseLockManager(client, "prod", Clock.systemUTC())
                .acquire("fraud-model", ALICE, Duration.ofSeconds(60), false))
                .isInstanceOf(LockUnavailableException.class)
                .hasMessage("the Kubernetes API rejected the credentials (HTTP 401) for the rollback lock in "
                        + "namespace prod: log in again or check the kube context");
    }

    @Test
    void anUnreachableClusterNamesTheAddress() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (KubernetesClient nowhere = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + closedPort + "/").withRequestRetryBackoffLimit(0).build())
                .build()) {
            assertThatThrownBy(() -> new LeaseLockManager(nowhere, "prod", Clock.systemUTC())
                    .acquire("fraud-model", ALICE, Duration.ofSeconds(60), false))
                    .isInstanceOf(LockUnavailableException.class)
                    .hasMessage("cannot reach the Kubernetes API at http://127.0.0.1:" + closedPort + "/ for the "
                            + "rollback lock in namespace prod: check the kube context, the network and the VPN");
        }
    }
}
