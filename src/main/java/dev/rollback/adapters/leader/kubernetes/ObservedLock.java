package dev.rollback.adapters.leader.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * fabric8's Lease lock, watched: remembers when the API server last accepted our claim, and passes every call's
 * outcome, by operation ("get", "create", "update"), to {@code onError} / {@code onSuccess} before rethrowing a
 * failure (fabric8's elector only logs them, and the CLI logs nothing, so a missing RBAC rule would otherwise leave a
 * replica waiting forever without a word).
 *
 * <p>Why the confirmation time matters: the elector notices a failing renewal only on its next tick, and a tick
 * can hang for a whole request timeout. {@link #confirmedWithin} lets {@code stillLeader} turn false by our own
 * clock once the renew deadline passed without a confirmed write, however long the elector's call hangs.
 */
final class ObservedLock implements Lock {

    private final Lock delegate;
    private final LongSupplier nanos;
    private final BiConsumer<String, KubernetesClientException> onError;
    private final Consumer<String> onSuccess;
    private volatile long confirmedAt;
    private volatile boolean confirmed;

    ObservedLock(Lock delegate, LongSupplier nanos, BiConsumer<String, KubernetesClientException> onError,
            Consumer<String> onSuccess) {
        this.delegate = delegate;
        this.nanos = nanos;
        this.onError = onError;
        this.onSuccess = onSuccess;
    }

    @Override
    public LeaderElectionRecord get(KubernetesClient client) {
        try {
            LeaderElectionRecord record = delegate.get(client);
            onSuccess.accept("get");
            return record;
        } catch (KubernetesClientException e) {
            onError.accept("get", e);
            throw e;
        }
    }

    @Override
    public void create(KubernetesClient client, LeaderElectionRecord record) {
        write("create", record, () -> delegate.create(client, record));
    }

    @Override
    public void update(KubernetesClient client, LeaderElectionRecord record) {
        write("update", record, () -> delegate.update(client, record));
    }

    /**
     * The time is taken before the call: the renewTime the elector writes is from before it too, so our deadline
     * never runs later than the one other replicas compute from the Lease.
     */
    private void write(String operation, LeaderElectionRecord record, Runnable call) {
        long before = nanos.getAsLong();
        try {
            call.run();
        } catch (KubernetesClientException e) {
            onError.accept(operation, e);
            throw e;
        }
        onSuccess.accept(operation);
        if (identity().equals(record.getHolderIdentity())) {
            confirmedAt = before;
            confirmed = true;
        } else {
            confirmed = false; // we released it
        }
    }

    /** Whether the API server accepted our claim less than {@code nanosAgo} ago. */
    boolean confirmedWithin(long nanosAgo) {
        return confirmed && nanos.getAsLong() - confirmedAt < nanosAgo;
    }

    @Override
    public String identity() {
        return delegate.identity();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
