package dev.rollback.adapters.lock.kubernetes;

import dev.rollback.core.lock.HeldLock;
import dev.rollback.core.lock.LockHeldException;
import dev.rollback.core.lock.LockOwner;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Acquire, refuse, steal and release against the CRUD mock API server (real HTTP, real 409s). */
@EnableKubernetesMockClient(crud = true)
class LeaseLockManagerTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    static final String NS = "rollback-locks";
    static final LockOwner ALICE = new LockOwner("alice@laptop", 42);
    static final LockOwner BOB = new LockOwner("bob@ci-runner", 7);
    static final Duration TTL = Duration.ofSeconds(60);
    // Nanoseconds on purpose: a Lease stores microseconds, so the manager must truncate.
    static final Instant T0 = Instant.parse("2025-01-02T03:04:05.123456789Z");
    static final ZonedDateTime T0_MICROS = ZonedDateTime.of(2025, 1, 2, 3, 4, 5, 123_456_000, ZoneOffset.UTC);

    final MutableClock clock = new MutableClock(T0);
    // Renewal every hour: these tests move the clock themselves and must not race a renewal.
    final LeaseLockManager locks = new LeaseLockManager(client, NS, clock, Duration.ofHours(1));

    static Lease lease(String service) {
        return lease(client, NS, service);
    }

    static Lease lease(KubernetesClient client, String namespace, String service) {
        return client.leases().inNamespace(namespace).withName("rollback-" + service).get();
    }

    @Test
    void acquireCreatesTheLeaseAndCloseClearsTheHolder() {
        HeldLock lock = locks.acquire("fraud-model", ALICE, TTL, false);

        Lease lease = lease("fraud-model");
        assertThat(lease.getMetadata().getLabels()).isEqualTo(Map.of(
                "app.kubernetes.io/managed-by", "rollback", "rollback.dev/service", "fraud-model"));
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("alice@laptop/42");
        assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(60);
        assertThat(lease.getSpec().getAcquireTime()).isEqualTo(T0_MICROS);
        assertThat(lease.getSpec().getRenewTime()).isEqualTo(T0_MICROS);
        assertThat(lease.getSpec().getLeaseTransitions()).isZero();
        // On the wire: RFC 3339 with exactly six fraction digits (MicroTime), as kubectl shows it.
        String json = client.raw(client.getMasterUrl() + "apis/coordination.k8s.io/v1/namespaces/" + NS
                + "/leases/rollback-fraud-model");
        assertThat(json).contains("\"renewTime\":\"2025-01-02T03:04:05.123456Z\"");
        assertThat(lock.stillHeld()).isTrue();

        clock.advance(Duration.ofSeconds(5));
        lock.close();

        Lease released = lease("fraud-model");
        assertThat(released.getSpec().getHolderIdentity()).isNull();
        assertThat(released.getSpec().getRenewTime()).isEqualTo(T0_MICROS.plusSeconds(5));
        assertThat(released.getSpec().getAcquireTime()).isEqualTo(T0_MICROS);
        assertThat(lock.stillHeld()).isFalse();

        // A released lease is free for anyone; taking it counts as a transition.
        clock.advance(Duration.ofSeconds(1));
        HeldLock bobs = locks.acquire("fraud-model", BOB, TTL, false);
        Lease taken = lease("fraud-model");
        assertThat(taken.getSpec().getHolderIdentity()).isEqualTo("bob@ci-runner/7");
        assertThat(taken.getSpec().getAcquireTime()).isEqualTo(T0_MICROS.plusSeconds(6));
        assertThat(taken.getSpec().getLeaseTransitions()).isEqualTo(1);
        bobs.close();
    }

    /**
     * Service names may hold '_'; Lease names are DNS subdomains and may not (a real API server answers
     * 422; the mock does not check, so the name itself is checked here against the API server's rule).
     */
    @Test
    void serviceNamesWithUnderscoresGetValidDistinctLeaseNames() {
        String dnsSubdomain = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
        String underscored = LeaseLockManager.leaseName("home_recsys");
        String dashed = LeaseLockManager.leaseName("home-recsys");

        assertThat(underscored).matches(dnsSubdomain).startsWith("rollback-home-recsys-").isNotEqualTo(dashed);
        assertThat(dashed).isEqualTo("rollback-home-recsys");

        HeldLock a = locks.acquire("home_recsys", ALICE, TTL, false);
        HeldLock b = locks.acquire("home-recsys", BOB, TTL, false);
        assertThat(client.leases().inNamespace(NS).withName(underscored).get().getSpec().getHolderIdentity())
                .isEqualTo("alice@laptop/42");
        b.close();
        a.close();
    }

    @Test
    void aSecondOwnerIsRefusedAtOnceWithHolderAndSinceWhen() {
        HeldLock alices = locks.acquire("ranker", ALICE, TTL, false);
        clock.advance(Duration.ofSeconds(10));

        long start = System.nanoTime();
        assertThatThrownBy(() -> locks.acquire("ranker", BOB, TTL, false))
                .isInstanceOfSatisfying(LockHeldException.class, e -> {
                    assertThat(e.holder()).isEqualTo("alice@laptop/42");
                    assertThat(e.expired()).isFalse();
                })
                .hasMessage("another rollback of ranker is in progress: lock held by alice@laptop/42 since "
                        + "2025-01-02T03:04:05.123456Z (expires 2025-01-02T03:05:05.123456Z unless renewed); "
                        + "wait for it, or find that process");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        // --steal-lock never takes a live lease.
        assertThatThrownBy(() -> locks.acquire("ranker", BOB, TTL, true))
                .isInstanceOfSatisfying(LockHeldException.class, e -> assertThat(e.expired()).isFalse());
        assertThat(lease("ranker").getSpec().getHolderIdentity()).isEqualTo("alice@laptop/42");
        alices.close();
    }

    @Test
    void theSameHolderReEntersWithoutATransition() {
        HeldLock first = locks.acquire("reenter", ALICE, TTL, false);
        clock.advance(Duration.ofSeconds(3));
        HeldLock second = locks.acquire("reenter", ALICE, TTL, false);

        Lease lease = lease("reenter");
        assertThat(lease.getSpec().getLeaseTransitions()).isZero();
        assertThat(lease.getSpec().getAcquireTime()).isEqualTo(T0_MICROS);
        assertThat(lease.getSpec().getRenewTime()).isEqualTo(T0_MICROS.plusSeconds(3));
        second.close();
        first.close();
    }

    @Test
    void anExpiredLeaseIsTakenOnlyWithStealAndTheOldHolderCannotReleaseIt() {
        HeldLock alices = locks.acquire("expiry", ALICE, TTL, false);

        // One microsecond before renewTime + leaseDuration it is still live...
        clock.advance(TTL.minusNanos(1_000));
        assertThatThrownBy(() -> locks.acquire("expiry", BOB, TTL, true))
                .isInstanceOfSatisfying(LockHeldException.class, e -> assertThat(e.expired()).isFalse());
        // ...and at that instant it has expired: refused without --steal-lock, saying so.
        clock.advance(Duration.ofNanos(1_000));
        assertThat(alices.stillHeld()).isFalse();
        assertThatThrownBy(() -> locks.acquire("expiry", BOB, TTL, false))
                .isInstanceOfSatisfying(LockHeldException.class, e -> assertThat(e.expired()).isTrue())
                .hasMessage("another rollback of expiry is in progress: lock held by alice@laptop/42 since "
                        + "2025-01-02T03:04:05.123456Z (expired at 2025-01-02T03:05:05.123456Z; take it over with "
                        + "--steal-lock if that process is gone)");

        HeldLock bobs = locks.acquire("expiry", BOB, TTL, true);
        Lease stolen = lease("expiry");
        assertThat(stolen.getSpec().getHolderIdentity()).isEqualTo("bob@ci-runner/7");
        assertThat(stolen.getSpec().getLeaseTransitions()).isEqualTo(1);
        assertThat(stolen.getSpec().getAcquireTime()).isEqualTo(T0_MICROS.plusSeconds(60));

        // Alice's process wakes up and closes: it must not free Bob's lock.
        alices.close();
        assertThat(lease("expiry").getSpec().getHolderIdentity()).isEqualTo("bob@ci-runner/7");
        assertThat(bobs.stillHeld()).isTrue();
        bobs.close();
        assertThat(lease("expiry").getSpec().getHolderIdentity()).isNull();
    }

    @Test
    void anyServiceNameStillGivesAValidLeaseName() {
        String dnsSubdomain = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
        for (String service : new String[] {"Fraud_Model", "ends-", "x".repeat(100), "a_b_"}) {
            assertThat(LeaseLockManager.leaseName(service)).as(service).matches(dnsSubdomain).hasSizeLessThan(253);
        }
        locks.acquire("Fraud_Model", ALICE, TTL, false).close();
    }
}
