package dev.rollback.adapters.leader.kubernetes;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static dev.rollback.adapters.leader.kubernetes.Candidate.Timing.FAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Two (or more) watch replicas electing a leader through fabric8's own elector against the fabric8 mock API server in
 * CRUD mode (real HTTP, real resourceVersion checks and 409s). Timings are shortened (lease 3 s, renew deadline 2 s,
 * retry 0.4 s) so hand-overs take seconds; the rules between them are the production ones.
 */
@EnableKubernetesMockClient(crud = true)
class LeaseLeadershipTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    static final String NS = "ml-serving";
    /** Generous slack on top of the protocol's own bounds: CI machines stall. */
    static final Duration SLACK = Duration.ofMillis(1500);

    final AtomicInteger acting = new AtomicInteger();
    final List<String> overlaps = new CopyOnWriteArrayList<>();
    final List<Candidate> candidates = new ArrayList<>();
    final List<KubernetesClient> extraClients = new ArrayList<>();

    /** The first requests of a JVM (TLS, class loading) can take seconds: not what the timing assertions are about. */
    @BeforeAll
    static void warmUp() {
        for (int i = 0; i < 3; i++) {
            client.leases().inNamespace(NS).list();
        }
    }

    @AfterEach
    void stopAll() throws Exception {
        candidates.forEach(Candidate::stop);
        for (Candidate c : candidates) {
            assertThat(c.returnedWithin(Duration.ofSeconds(10))).as(c + " returns after stop()").isTrue();
        }
        extraClients.forEach(KubernetesClient::close);
        assertThat(overlaps).as("two works acting at once").isEmpty();
    }

    @Test
    void ofTwoReplicasStartingTogetherExactlyOneRunsTheWork() throws Exception {
        // Five services at once, each with two replicas racing for its Lease from a standing start.
        List<Candidate[]> pairs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            AtomicInteger pairActing = new AtomicInteger();
            KubernetesClient other = server.createClient();
            extraClients.add(other);
            Candidate a = candidate(client, "race-" + i, "pod-a", pairActing, false);
            Candidate b = candidate(other, "race-" + i, "pod-b", pairActing, false);
            a.start();
            b.start();
            pairs.add(new Candidate[] {a, b});
        }
        for (Candidate[] pair : pairs) {
            await("one of " + pair[0] + " / " + pair[1] + " leads", Duration.ofSeconds(10),
                    () -> pair[0].acting() || pair[1].acting());
        }
        Thread.sleep(FAST.lease().plus(FAST.retry()).toMillis()); // long enough for a wrongly free Lease to be taken

        for (int i = 0; i < pairs.size(); i++) {
            Candidate[] pair = pairs.get(i);
            assertThat(pair[0].acting() ^ pair[1].acting()).as("exactly one acts now: " + pair[0] + " / " + pair[1])
                    .isTrue();
            Candidate leader = pair[0].acting() ? pair[0] : pair[1];
            Candidate standby = leader == pair[0] ? pair[1] : pair[0];
            assertThat(standby.terms).as("the standby never ran the work: " + standby).isEmpty();
            assertThat(holder("race-" + i)).isEqualTo(leader.identity);
            assertThat(standby.notices).contains("rollback watch race-" + i + ": " + leader.identity
                    + " leads (Lease ml-serving/rollback-watch-race-" + i + "); standing by");
            assertThat(leader.notices).contains("rollback watch race-" + i + ": leading as " + leader.identity
                    + " (Lease ml-serving/rollback-watch-race-" + i + ")");
        }
    }

    @Test
    void stoppingTheLeaderReleasesTheLeaseAndTheStandbyTakesOverWithinTheLeaseDuration() throws Exception {
        KubernetesClient other = server.createClient();
        extraClients.add(other);
        Candidate a = candidate(client, "handover", "pod-a", acting, false).start();
        await("pod-a leads", Duration.ofSeconds(10), a::acting);
        Candidate b = candidate(other, "handover", "pod-b", acting, false).start();
        await("pod-b stands by", Duration.ofSeconds(5), () -> b.notices.stream().anyMatch(n -> n.contains("standing by")));

        long stoppedAt = System.nanoTime();
        a.stop();

        assertThat(a.returnedWithin(Duration.ofSeconds(2))).as("run() returns once the work has").isTrue();
        await("pod-b leads", FAST.lease(), b::acting);
        Candidate.Term first = a.terms.get(0);
        Candidate.Term second = b.terms.get(0);
        assertThat(first.endedAt).as("pod-a stopped acting before pod-b started").isLessThan(second.startedAt);
        assertThat(Duration.ofNanos(second.startedAt - stoppedAt)).as("released, so no lease duration to wait out")
                .isLessThan(FAST.lease());
        assertThat(holder("handover")).isEqualTo("pod-b");
        assertThat(lease("handover").getSpec().getLeaseTransitions()).isEqualTo(1);
    }

    @Test
    void aStolenLeaseTurnsStillLeaderFalseAtTheNextRenewalAndTheReplicaStandsByToLeadAgain() throws Exception {
        Candidate a = candidate(client, "stolen", "pod-a", acting, false).start();
        await("pod-a leads", Duration.ofSeconds(10), a::acting);

        long stolenAt = steal("rollback-watch-stolen", "intruder");

        await("pod-a's work sees stillLeader false and returns", Duration.ofSeconds(3),
                () -> a.terms.get(0).endedAt != 0);
        Candidate.Term lost = a.terms.get(0);
        assertThat(Duration.ofNanos(lost.endedAt - stolenAt)).as("noticed at the next renewal")
                .isLessThan(FAST.retry().multipliedBy(2).plus(SLACK));
        assertThat(a.notices).contains("rollback watch stolen: intruder leads (Lease ml-serving/rollback-watch-stolen); "
                + "standing by", "rollback watch stolen: no longer leading; standing by to lead again");

        // The intruder never renews: after its lease duration pod-a takes the Lease back and runs the work afresh.
        await("pod-a leads again", FAST.lease().multipliedBy(2).plus(SLACK), () -> a.terms.size() == 2 && a.acting());
        assertThat(Duration.ofNanos(a.terms.get(1).startedAt - stolenAt)).as("not before the intruder's lease expired")
                .isGreaterThanOrEqualTo(FAST.lease().minusMillis(100));
        assertThat(holder("stolen")).isEqualTo("pod-a");
    }

    @Test
    void aLeaderCutOffFromTheApiStopsActingBeforeAnyOtherReplicaCanStart() throws Exception {
        URI api = URI.create(client.getMasterUrl().toString());
        CuttableProxy network = new CuttableProxy(api.getHost(), api.getPort());
        KubernetesClient throughProxy = clientVia(network);
        KubernetesClient other = server.createClient();
        extraClients.add(other);
        Candidate a = candidate(throughProxy, "partition", "pod-a", acting, false).start();
        await("pod-a leads", Duration.ofSeconds(10), a::acting);
        Candidate b = candidate(other, "partition", "pod-b", acting, false).start();
        await("pod-b stands by", Duration.ofSeconds(5), () -> b.notices.stream().anyMatch(n -> n.contains("standing by")));

        long cutAt = System.nanoTime();
        network.cut();

        await("pod-b leads", FAST.lease().plus(FAST.retry().multipliedBy(3)).plus(SLACK), b::acting);
        Candidate.Term cutOff = a.terms.get(0);
        Candidate.Term next = b.terms.get(0);
        assertThat(cutOff.endedAt).as("pod-a stopped acting").isPositive();
        assertThat(cutOff.lastLeaderAt).as("pod-a's last moment as leader came before pod-b's first")
                .isLessThan(next.startedAt);
        assertThat(Duration.ofNanos(cutOff.endedAt - cutAt)).as("by pod-a's own clock: within the renew deadline")
                .isLessThan(FAST.renew().plus(FAST.retry()).plus(SLACK));
        await("pod-a says why it cannot lead", Duration.ofSeconds(3), () -> a.notices.stream().anyMatch(n ->
                n.equals("rollback watch partition: cannot reach the Kubernetes API at https://127.0.0.1:" + network.port()
                        + "/ for the leader Lease rollback-watch-partition in namespace ml-serving; trying again every "
                        + "0.4 s")));
        a.stop();
        assertThat(a.returnedWithin(Duration.ofSeconds(5))).isTrue();
        network.close();
    }

    @Test
    void workThatFinishesWhileLeadingEndsRunAndReleasesTheLease() throws Exception {
        Candidate a = candidate(client, "finished", "pod-a", acting, true).start();

        assertThat(a.returnedWithin(Duration.ofSeconds(5))).as("run() returns with the work").isTrue();
        assertThat(a.terms).hasSize(1);
        assertThat(holder("finished")).as("released for the next watcher").isEmpty();
    }

    @Test
    void aStandbyReplicaStoppedBeforeItEverLeadsReturnsAtOnceWithoutRunningTheWork() throws Exception {
        KubernetesClient other = server.createClient();
        extraClients.add(other);
        Candidate a = candidate(client, "standby", "pod-a", acting, false).start();
        await("pod-a leads", Duration.ofSeconds(10), a::acting);
        Candidate b = candidate(other, "standby", "pod-b", acting, false).start();
        await("pod-b stands by", Duration.ofSeconds(5), () -> b.notices.stream().anyMatch(n -> n.contains("standing by")));

        b.stop();

        assertThat(b.returnedWithin(Duration.ofSeconds(1))).isTrue();
        assertThat(b.terms).isEmpty();
        assertThat(holder("standby")).as("the leader is undisturbed").isEqualTo("pod-a");
        assertThat(a.acting()).isTrue();
    }

    @Test
    void theWorkGetsAStillLeaderThatIsFalseOnceStopWasCalled() throws Exception {
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        LeaseLeadership leadership = new LeaseLeadership(client, NS, "stop-flag", "pod-a", n -> { }, FAST.lease(),
                FAST.renew(), FAST.retry());
        Thread runner = new Thread(() -> {
            try {
                leadership.run(stillLeader -> {
                    seen.add(stillLeader.getAsBoolean());
                    leadership.stop(); // SIGTERM arrives during the work
                    seen.add(stillLeader.getAsBoolean());
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        runner.start();
        runner.join(5000);

        assertThat(runner.isAlive()).isFalse();
        assertThat(seen).containsExactly(true, false);
        assertThat(holder("stop-flag")).as("released on the way out").isEmpty();
    }

    @Test
    void aForbiddenLeaseIsReportedOnceInOneLineWhileTheReplicaKeepsTrying() throws Exception {
        // RBAC cannot be enforced by the mock; its expectation mode answers this one path as an API server without
        // the Role's rule would (the rest of the API stays CRUD).
        server.expect().get().withPath("/apis/coordination.k8s.io/v1/namespaces/ml-serving/leases/rollback-watch-forbidden")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("leases.coordination.k8s.io \"rollback-watch-forbidden\" is forbidden").build())
                .always();
        Candidate a = candidate(client, "forbidden", "pod-a", acting, false).start();

        Thread.sleep(FAST.retry().multipliedBy(6).toMillis()); // several tries

        assertThat(a.terms).isEmpty();
        assertThat(a.notices).containsExactly("rollback watch forbidden: not allowed to use the leader Lease "
                + "rollback-watch-forbidden in namespace ml-serving (HTTP 403): the service account needs get, create and "
                + "patch on leases.coordination.k8s.io in ml-serving (see the Role in src/main/k8s/rollback-watch.yaml); "
                + "trying again every 0.4 s");
    }

    @Test
    void theMockApiServerRejectsAMergePatchCarryingAStaleResourceVersionAsARealOneDoes() {
        // The elector's every write is a JSON merge patch carrying the resourceVersion it just read (fabric8 7.4
        // ResourceLock.update); its safety rests on the server refusing a stale one. This is what the CRUD mock does.
        Lease created = client.leases().inNamespace(NS).resource(new LeaseBuilder().withNewMetadata()
                .withName("rv-check").endMetadata().withNewSpec().withHolderIdentity("pod-a").endSpec().build()).create();
        client.leases().inNamespace(NS).withName("rv-check").edit(l -> new LeaseBuilder(l).editSpec()
                .withHolderIdentity("pod-b").endSpec().build());

        Lease stale = new LeaseBuilder(created).editSpec().withHolderIdentity("pod-c").endSpec().build();
        var failure = catchThrowableOfType(KubernetesClientException.class,
                () -> client.resource(stale).patch(PatchContext.of(PatchType.JSON_MERGE)));

        assertThat(failure.getCode()).isEqualTo(409);
        assertThat(client.leases().inNamespace(NS).withName("rv-check").get().getSpec().getHolderIdentity())
                .isEqualTo("pod-b");
    }

    private Candidate candidate(KubernetesClient c, String service, String identity, AtomicInteger sharedActing,
            boolean finishAtOnce) {
        Candidate candidate = new Candidate(c, NS, service, identity, FAST, sharedActing, overlaps, finishAtOnce);
        candidates.add(candidate);
        return candidate;
    }

    /** A client whose every request goes through {@code proxy}; it fails fast once the proxy is cut. */
    private KubernetesClient clientVia(CuttableProxy proxy) {
        Config config = new ConfigBuilder(client.getConfiguration())
                .withMasterUrl("https://127.0.0.1:" + proxy.port() + "/")
                .withRequestTimeout(1000).withConnectionTimeout(1000).withRequestRetryBackoffLimit(0).build();
        KubernetesClient c = new KubernetesClientBuilder().withConfig(config).build();
        extraClients.add(c);
        return c;
    }

    /**
     * Another process writes itself into the Lease as holder, renewed now. Like any writer it retries on 409 (the
     * leader's renewals change the resourceVersion every retry period). Returns when it succeeded (nanoTime).
     */
    private static long steal(String lease, String intruder) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.leases().inNamespace(NS).withName(lease).edit(l -> new LeaseBuilder(l).editSpec()
                        .withHolderIdentity(intruder).withRenewTime(ZonedDateTime.now(ZoneOffset.UTC)).endSpec().build());
                return System.nanoTime();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private static Lease lease(String service) {
        return client.leases().inNamespace(NS).withName("rollback-watch-" + service).get();
    }

    private static String holder(String service) {
        String holder = lease(service).getSpec().getHolderIdentity();
        return holder == null ? "" : holder;
    }

    /** Waits for {@code condition}; a timeout shows every candidate's terms and notices. */
    private void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what + "; " + candidates);
            }
            Thread.sleep(10);
        }
    }
}
