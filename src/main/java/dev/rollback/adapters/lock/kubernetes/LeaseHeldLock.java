package dev.rollback.adapters.lock.kubernetes;

import dev.rollback.core.lock.HeldLock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A Lease we hold. A daemon thread bumps renewTime every interval; every write carries the last resourceVersion we
 * saw, so once anyone else has written the Lease our write fails and we look before trying again.
 */
final class LeaseHeldLock implements HeldLock {

    private final Leases leases;
    private final Clock clock;
    private final String name;
    private final String holder;
    private final Duration ttl;
    private final ScheduledExecutorService renewer;
    private Lease last; // guarded by this: the Lease as we last wrote or read it
    private volatile boolean held = true;
    private volatile Instant confirmedAt; // when the API last confirmed we hold it (our last successful write)

    private LeaseHeldLock(Leases leases, Clock clock, String service, String holder, Duration ttl, Lease lease) {
        this.leases = leases;
        this.clock = clock;
        this.name = lease.getMetadata().getName();
        this.holder = holder;
        this.ttl = ttl;
        this.last = lease;
        this.confirmedAt = clock.instant();
        this.renewer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rollback-lock-renewal-" + service);
            thread.setDaemon(true); // a forgotten close() must not keep the CLI alive; the lease then just expires
            return thread;
        });
    }

    static LeaseHeldLock start(Leases leases, Clock clock, String service, String holder, Duration ttl,
            Duration every, Lease lease) {
        LeaseHeldLock lock = new LeaseHeldLock(leases, clock, service, holder, ttl, lease);
        long millis = Math.max(1, every.toMillis());
        lock.renewer.scheduleWithFixedDelay(lock::renew, millis, millis, TimeUnit.MILLISECONDS);
        return lock;
    }

    /** False once another holder took over, or when no renewal got through for a whole ttl (others may steal it). */
    @Override
    public boolean stillHeld() {
        return held && clock.instant().isBefore(confirmedAt.plus(ttl));
    }

    synchronized void renew() {
        if (!held) {
            return;
        }
        try {
            Instant now = clock.instant();
            if (write(lease -> new LeaseBuilder(lease).editSpec().withRenewTime(Leases.micro(now)).endSpec().build())) {
                confirmedAt = now;
            } else {
                stop(); // someone else holds it now: renewing again would be wrong even if it succeeded
            }
        } catch (RuntimeException e) {
            // API unreachable or refusing: keep trying; stillHeld() turns false once a whole ttl passed without us.
        }
    }

    @Override
    public void close() {
        renewer.shutdown();
        try {
            renewer.awaitTermination(10, TimeUnit.SECONDS); // let an in-flight renewal finish before releasing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        release();
    }

    private synchronized void release() {
        if (!held) {
            return;
        }
        held = false;
        Instant now = clock.instant();
        try {
            write(lease -> new LeaseBuilder(lease).editSpec()
                    .withHolderIdentity(null) // free; a real API server stores "" and absent alike (omitempty)
                    .withRenewTime(Leases.micro(now)) // when it was released, for whoever reads it next
                    .endSpec().build());
        } catch (RuntimeException e) {
            // Not released: it expires after its ttl and can then be taken with --steal-lock. Nothing better to do.
        }
    }

    /**
     * Applies {@code change} to the Lease as we last saw it and writes it with that resourceVersion. On 409
     * (anyone wrote it since, e.g. a label edit) reads it: if the holder is still us, applies the change to the
     * fresh copy and tries once more; otherwise it is lost.
     *
     * @return false when the Lease is no longer ours (nothing written)
     */
    private boolean write(UnaryOperator<Lease> change) {
        Lease base = last;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                last = leases.update(change.apply(base));
                return true;
            } catch (KubernetesClientException e) {
                base = leases.get(name);
                if (base == null || !holder.equals(Leases.holder(base))) {
                    return false;
                }
            }
        }
        return false;
    }

    private void stop() {
        held = false;
        renewer.shutdown();
    }
}
