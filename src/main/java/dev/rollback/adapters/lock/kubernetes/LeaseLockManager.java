package dev.rollback.adapters.lock.kubernetes;

import dev.rollback.adapters.kubernetes.LeaseNames;
import dev.rollback.core.lock.HeldLock;
import dev.rollback.core.lock.LockHeldException;
import dev.rollback.core.lock.LockManager;
import dev.rollback.core.lock.LockOwner;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One {@code coordination.k8s.io/v1} Lease per service ({@code rollback-<service>}) in one namespace, so every
 * machine that can roll back sees the same lock. Every write after a read carries the read resourceVersion: of two
 * concurrent writers exactly one wins, the other gets 409 and reports the winner.
 *
 * <p>Release clears holderIdentity instead of deleting the Lease: the object keeps leaseTransitions and the last
 * release time as history for whoever looks next, the RBAC role needs no delete verb, and an in-place update with
 * resourceVersion cannot remove a lease someone else has just taken, which a delete racing a take-over could.
 */
public final class LeaseLockManager implements LockManager {

    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String SERVICE_LABEL = "rollback.dev/service";
    // The service is a Lease name suffix and a label value: DNS label rules keep both valid.
    /** Service names usable in a Lease name as they are (a DNS label). */

    private final Leases leases;
    private final Clock clock;
    private final Duration renewEvery; // null: ttl / 3

    public LeaseLockManager(KubernetesClient client, String namespace, Clock clock) {
        this(client, namespace, clock, null);
    }

    /** For tests: renew on a short fixed interval instead of ttl / 3. */
    LeaseLockManager(KubernetesClient client, String namespace, Clock clock, Duration renewEvery) {
        this.leases = new Leases(client, namespace);
        this.clock = clock;
        this.renewEvery = renewEvery;
    }

    /** {@code rollback-<service>}, as a valid object name (see {@link LeaseNames}). */
    static String leaseName(String service) {
        return LeaseNames.of("rollback-", service);
    }

    @Override
    public HeldLock acquire(String service, LockOwner owner, Duration ttl, boolean stealExpired) {
        // A second round only when the lease vanished under us (deleted by hand mid-race); never loops on a holder.
        for (int round = 0; round < 3; round++) {
            HeldLock lock = tryAcquire(service, owner, ttl, stealExpired);
            if (lock != null) {
                return lock;
            }
        }
        throw new LockUnavailableException("the lease " + leaseName(service) + " in namespace " + leases.namespace()
                + " kept appearing and disappearing while taking it: check who deletes it", null);
    }

    /** The lock, a LockHeldException, or null when the lease was deleted between two of our calls. */
    private HeldLock tryAcquire(String service, LockOwner owner, Duration ttl, boolean stealExpired) {
        String name = leaseName(service);
        Lease current = leases.get(name);
        if (current == null) {
            try {
                return held(service, owner, ttl, leases.create(fresh(service, name, owner, ttl, clock.instant())));
            } catch (KubernetesClientException e) { // 409: another process created it between our get and create
                current = leases.get(name);
                if (current == null) {
                    return null;
                }
            }
        }
        return takeIfFree(service, owner, ttl, stealExpired, current);
    }

    private HeldLock takeIfFree(String service, LockOwner owner, Duration ttl, boolean stealExpired, Lease lease) {
        String holder = Leases.holder(lease);
        Instant now = clock.instant();
        boolean free = holder.isEmpty();
        boolean ours = holder.equals(owner.holder()); // the same process re-entering, or a reused pid on that host
        if (!free && !ours) {
            Instant expiresAt = Leases.expiresAt(lease);
            boolean expired = !now.isBefore(expiresAt);
            if (!expired || !stealExpired) {
                throw new LockHeldException(service, holder, Leases.acquiredAt(lease), expiresAt, expired);
            }
        }
        Lease next = new LeaseBuilder(lease).editOrNewSpec()
                .withHolderIdentity(owner.holder())
                .withLeaseDurationSeconds(seconds(ttl))
                .withRenewTime(Leases.micro(now))
                .endSpec().build();
        if (!ours) {
            Integer transitions = lease.getSpec() == null ? null : lease.getSpec().getLeaseTransitions();
            next = new LeaseBuilder(next).editSpec()
                    .withAcquireTime(Leases.micro(now))
                    .withLeaseTransitions(transitions == null ? 1 : transitions + 1)
                    .endSpec().build();
        }
        try {
            return held(service, owner, ttl, leases.update(next));
        } catch (KubernetesClientException e) { // 409/404: another writer won between our read and write
            Lease winner = leases.get(leaseName(service));
            if (winner == null) {
                return null;
            }
            if (Leases.holder(winner).isEmpty()) { // the winner already released it: go round again
                return null;
            }
            Instant expiresAt = Leases.expiresAt(winner);
            throw new LockHeldException(service, Leases.holder(winner), Leases.acquiredAt(winner), expiresAt,
                    !clock.instant().isBefore(expiresAt));
        }
    }

    private Lease fresh(String service, String name, LockOwner owner, Duration ttl, Instant now) {
        return new LeaseBuilder()
                .withNewMetadata().withName(name).withNamespace(leases.namespace())
                .addToLabels(MANAGED_BY, "rollback").addToLabels(SERVICE_LABEL, service).endMetadata()
                .withNewSpec()
                .withHolderIdentity(owner.holder())
                .withLeaseDurationSeconds(seconds(ttl))
                .withAcquireTime(Leases.micro(now))
                .withRenewTime(Leases.micro(now))
                .withLeaseTransitions(0)
                .endSpec().build();
    }

    private HeldLock held(String service, LockOwner owner, Duration ttl, Lease lease) {
        Duration every = renewEvery != null ? renewEvery : ttl.dividedBy(3);
        return LeaseHeldLock.start(leases, clock, service, owner.holder(), ttl, every, lease);
    }

    private static int seconds(Duration ttl) {
        long seconds = Math.max(1, (ttl.toMillis() + 999) / 1000);
        return (int) Math.min(Integer.MAX_VALUE, seconds);
    }
}
