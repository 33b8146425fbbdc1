package dev.rollback.adapters.lock.kubernetes;

import dev.rollback.core.lock.HeldLock;
import dev.rollback.core.lock.LockHeldException;
import dev.rollback.core.lock.LockOwner;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two machines (two clients, two threads) start at the same instant: the API server's create/409 and
 * resourceVersion/409 must let exactly one of them win, every time.
 */
@EnableKubernetesMockClient(crud = true)
class LeaseLockRaceTest {

    static KubernetesClient client;
    static KubernetesMockServer server;
    static KubernetesClient otherMachine;

    static final String NS = "rollback-locks";
    static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");
    static final Duration TTL = Duration.ofSeconds(60);
    static final LockOwner ONE = new LockOwner("one@host-a", 1);
    static final LockOwner TWO = new LockOwner("two@host-b", 2);

    @BeforeAll
    static void secondClient() {
        otherMachine = server.createClient();
    }

    @AfterAll
    static void closeSecondClient() {
        otherMachine.close();
    }

    @Test
    void exactlyOneOfTwoSimultaneousAcquirersWins() throws Exception {
        for (int round = 0; round < 20; round++) {
            race("race-" + round, false);
        }
    }

    @Test
    void exactlyOneOfTwoSimultaneousStealersWinsAnExpiredLease() throws Exception {
        for (int round = 0; round < 20; round++) {
            String service = "steal-" + round;
            // A holder that stopped renewing an hour ago.
            client.leases().inNamespace(NS).resource(new LeaseBuilder()
                    .withNewMetadata().withName("rollback-" + service).endMetadata()
                    .withNewSpec().withHolderIdentity("ghost@gone/9").withLeaseDurationSeconds(60)
                    .withAcquireTime(T0.minusSeconds(3600).atZone(ZoneOffset.UTC))
                    .withRenewTime(T0.minusSeconds(3600).atZone(ZoneOffset.UTC)).withLeaseTransitions(4)
                    .endSpec().build()).create();
            race(service, true);
            assertThat(LeaseLockManagerTest.lease(client, NS, service).getSpec().getLeaseTransitions())
                    .as("one take-over, not two").isEqualTo(5);
        }
    }

    private void race(String service, boolean steal) throws Exception {
        MutableClock clock = new MutableClock(T0);
        LeaseLockManager a = new LeaseLockManager(client, NS, clock, Duration.ofHours(1));
        LeaseLockManager b = new LeaseLockManager(otherMachine, NS, clock, Duration.ofHours(1));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<HeldLock>> results = new ArrayList<>();
            results.add(pool.submit(() -> { start.await(); return a.acquire(service, ONE, TTL, steal); }));
            results.add(pool.submit(() -> { start.await(); return b.acquire(service, TWO, TTL, steal); }));
            start.countDown();

            List<HeldLock> won = new ArrayList<>();
            List<LockHeldException> lost = new ArrayList<>();
            for (Future<HeldLock> result : results) {
                try {
                    won.add(result.get(20, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(LockHeldException.class);
                    lost.add((LockHeldException) e.getCause());
                }
            }
            assertThat(won).as(service + ": winners").hasSize(1);
            assertThat(lost).as(service + ": losers").hasSize(1);
            String holder = LeaseLockManagerTest.lease(client, NS, service).getSpec().getHolderIdentity();
            assertThat(holder).isIn("one@host-a/1", "two@host-b/2");
            assertThat(lost.get(0).holder()).as("the loser names the winner").isEqualTo(holder);
            assertThat(lost.get(0).expired()).isFalse();
            won.get(0).close();
        } finally {
            pool.shutdownNow();
        }
    }
}
