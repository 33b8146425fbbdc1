package dev.rollback.adapters.lock.kubernetes;

import dev.rollback.core.lock.HeldLock;
import dev.rollback.core.lock.LockOwner;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The background renewal: it keeps renewTime moving, survives harmless edits, and notices a take-over. */
@EnableKubernetesMockClient(crud = true)
class LeaseRenewalTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    static final String NS = "rollback-locks";
    static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");
    static final LockOwner ALICE = new LockOwner("alice@laptop", 42);

    final MutableClock clock = new MutableClock(T0);
    final LeaseLockManager locks = new LeaseLockManager(client, NS, clock, Duration.ofMillis(50));

    @Test
    void renewTimeFollowsTheClockWhileHeldAndSurvivesALabelEdit() {
        try (HeldLock lock = locks.acquire("renewed", ALICE, Duration.ofSeconds(60), false)) {
            clock.advance(Duration.ofSeconds(20));
            awaitRenewTime("renewed", T0.plusSeconds(20));

            // Someone labels the Lease (a 409 for our next write): still ours, renewal carries on, label kept.
            outsiderPatch("renewed", "{\"metadata\":{\"labels\":{\"team\":\"ml-platform\"}}}");
            clock.advance(Duration.ofSeconds(20));
            awaitRenewTime("renewed", T0.plusSeconds(40));

            assertThat(lock.stillHeld()).isTrue();
            assertThat(LeaseLockManagerTest.lease(client, NS, "renewed").getMetadata().getLabels())
                    .containsEntry("team", "ml-platform");
        }
        assertThat(LeaseLockManagerTest.lease(client, NS, "renewed").getSpec().getHolderIdentity()).isNull();
    }

    @Test
    void aTakeOverIsNoticedAndNeverUndone() {
        HeldLock lock = locks.acquire("taken", ALICE, Duration.ofSeconds(60), false);

        // Another tool (or a human with kubectl) overwrites the holder.
        outsiderPatch("taken", "{\"spec\":{\"holderIdentity\":\"intruder@elsewhere/1\"}}");
        clock.advance(Duration.ofSeconds(1));

        await(() -> !lock.stillHeld(), "stillHeld() to turn false");
        lock.close();
        Lease after = LeaseLockManagerTest.lease(client, NS, "taken");
        assertThat(after.getSpec().getHolderIdentity()).isEqualTo("intruder@elsewhere/1");
        assertThat(after.getSpec().getRenewTime()).isEqualTo(T0.atZone(ZoneOffset.UTC));
    }

    /** Like {@code kubectl patch --type merge}: no resourceVersion, so it cannot collide with our renewals. */
    private static void outsiderPatch(String service, String mergePatch) {
        client.leases().inNamespace(NS).withName("rollback-" + service)
                .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }

    private void awaitRenewTime(String service, Instant expected) {
        ZonedDateTime want = expected.atZone(ZoneOffset.UTC);
        await(() -> want.equals(LeaseLockManagerTest.lease(client, NS, service).getSpec().getRenewTime()),
                "renewTime " + want);
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s for " + what).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
