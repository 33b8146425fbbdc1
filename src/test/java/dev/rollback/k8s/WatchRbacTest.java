package dev.rollback.k8s;

import dev.rollback.adapters.leader.kubernetes.LeaseLeadership;
import dev.rollback.adapters.lock.kubernetes.LeaseLockManager;
import dev.rollback.adapters.serving.kubernetes.DeploymentBinding;
import dev.rollback.adapters.serving.kubernetes.DeploymentPlatform;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.ContainerEnv;
import dev.rollback.core.lock.HeldLock;
import dev.rollback.core.lock.LockOwner;
import dev.rollback.testsupport.kubernetes.DeploymentController;
import dev.rollback.testsupport.kubernetes.Deployments;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Role in the example manifest against what the code really sends. The adapters a watch replica uses (leader
 * election, the rollback lock, the serving Deployment) run against the CRUD mock API server through a client that
 * marks its requests; every marked request is turned into the RBAC check the API server would make (verb, group,
 * resource, name), and each must be allowed by the Role. Conversely, every verb the Role grants must have been used,
 * so the Role stays exactly as wide as needed.
 */
@EnableKubernetesMockClient(crud = true)
class WatchRbacTest {

    static KubernetesClient client; // the test's own hands: creating the Deployment, playing its controller
    static KubernetesMockServer server;

    static final String NAMESPACE = "ml-serving";
    static final String AGENT = "rollback-rbac-probe";
    /** /api/v1/namespaces/NS/RESOURCE[/NAME] or /apis/GROUP/VERSION/namespaces/NS/RESOURCE[/NAME], query apart. */
    static final Pattern PATH = Pattern.compile(
            "/(?:api/v1|apis/([^/]+)/[^/]+)/namespaces/([^/]+)/([^/?]+)(?:/([^/?]+))?(?:/([^/?]+))?(?:\\?(.*))?");

    /** One authorization check as the API server makes it for a request. */
    record Check(String verb, String group, String resource, String name) {
        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "" : group + "/") + resource + (name == null ? "" : " " + name);
        }
    }

    @Test
    void everyRequestOfAWatchReplicaIsAllowedByTheRoleAndTheRoleGrantsNothingUnused() throws Exception {
        WatchManifest manifest = WatchManifest.load();
        try (KubernetesClient probe = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withUserAgent(AGENT).withRequestTimeout(5000).build()).build()) {
            electAndHandOver(probe);
            lockAndRelease(probe);
            rollBackServing(probe);
        }

        List<Check> checks = recordedChecks();
        assertThat(checks).as("the probe's requests were recorded").isNotEmpty();
        assertThat(checks).allSatisfy(c -> assertThat(manifest.allows(c.group(), c.resource(), c.verb(), c.name()))
                .as("the Role allows " + c).isTrue());
        Set<String> granted = new TreeSet<>();
        manifest.role().getRules().forEach(rule -> rule.getVerbs().forEach(verb -> rule.getResources().forEach(
                resource -> granted.add(verb + " " + resource))));
        Set<String> used = new TreeSet<>();
        checks.forEach(c -> used.add(c.verb() + " " + c.resource()));
        assertThat(used).as("every verb the Role grants is needed").isEqualTo(granted);
    }

    /** Two replicas: the first leads, stops (SIGTERM, release), the second takes over and stops. */
    private static void electAndHandOver(KubernetesClient probe) throws InterruptedException {
        CountDownLatch firstLeads = new CountDownLatch(1);
        CountDownLatch secondLeads = new CountDownLatch(1);
        LeaseLeadership first = new LeaseLeadership(probe, NAMESPACE, "recsys", "pod-a", n -> { },
                Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200));
        LeaseLeadership second = new LeaseLeadership(probe, NAMESPACE, "recsys", "pod-b", n -> { },
                Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200));
        Thread a = runner(first, firstLeads);
        assertThat(firstLeads.await(10, TimeUnit.SECONDS)).isTrue();
        Thread b = runner(second, secondLeads);
        Thread.sleep(600); // pod-b tries a few times while pod-a leads
        first.stop();
        a.join(5000);
        assertThat(secondLeads.await(5, TimeUnit.SECONDS)).as("pod-b takes over").isTrue();
        second.stop();
        b.join(5000);
    }

    private static Thread runner(LeaseLeadership leadership, CountDownLatch leads) {
        Thread thread = new Thread(() -> {
            try {
                leadership.run(stillLeader -> {
                    leads.countDown();
                    while (stillLeader.getAsBoolean()) {
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The rollback lock a triggered rollback takes: first on a fresh Lease, then again on the released one. */
    private static void lockAndRelease(KubernetesClient probe) throws Exception {
        LeaseLockManager locks = new LeaseLockManager(probe, NAMESPACE, Clock.systemUTC());
        for (int i = 0; i < 2; i++) {
            try (HeldLock lock = locks.acquire("recsys", new LockOwner("rollback-watch-recsys-7d9f", 1), Duration.ofMinutes(1),
                    false)) {
                assertThat(lock.stillHeld()).isTrue();
            }
        }
    }

    /** What rollback model does to a Deployment: read it and its revisions, re-point the model, follow the rollout. */
    private static void rollBackServing(KubernetesClient probe) {
        client.resource(Deployments.modelServer(NAMESPACE, "model-server", "server", "models:/homepage-recsys/7", 2))
                .create();
        try (DeploymentController controller = new DeploymentController(client, NAMESPACE)) {
            controller.reconcileOnce();
            DeploymentPlatform platform = new DeploymentPlatform(probe, NAMESPACE, "model-server",
                    new ContainerEnv("server", "MODEL_URI"));
            platform.read();
            platform.history();
            DeploymentBinding binding = new DeploymentBinding(probe, NAMESPACE, "model-server",
                    new ContainerEnv("server", "MODEL_URI"));
            // The new pods never start, so waiting ends with the pods' reasons: the listing a stalled rollout needs.
            controller.failPodsWith("ImagePullBackOff").start();
            binding.setModelReference(binding.read(), "models:/homepage-recsys/5", "rollback watch recsys");
            binding.awaitRollout(Duration.ofMillis(1200), progress -> { });
        }
    }

    /** The probe's requests, as the API server's authorizer sees them. */
    private static List<Check> recordedChecks() throws InterruptedException {
        List<Check> checks = new ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(200, TimeUnit.MILLISECONDS)) != null; ) {
            if (!AGENT.equals(r.getHeader("User-Agent"))) {
                continue;
            }
            Matcher m = PATH.matcher(r.getPath());
            if (!m.matches()) {
                throw new AssertionError("a request outside a namespace: " + r.getMethod() + " " + r.getPath());
            }
            assertThat(m.group(2)).as(r.getPath()).isEqualTo(NAMESPACE);
            String group = m.group(1) == null ? "" : m.group(1);
            String name = m.group(4);
            String resource = m.group(3) + (m.group(5) == null ? "" : "/" + m.group(5)); // subresources count apart
            String query = m.group(6) == null ? "" : m.group(6);
            String verb = switch (r.getMethod()) {
                case "GET" -> name != null ? "get" : query.contains("watch=true") ? "watch" : "list";
                case "POST" -> "create";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                case "DELETE" -> name != null ? "delete" : "deletecollection";
                default -> throw new AssertionError("unexpected method " + r.getMethod());
            };
            checks.add(new Check(verb, group, resource, name));
        }
        return checks;
    }
}
