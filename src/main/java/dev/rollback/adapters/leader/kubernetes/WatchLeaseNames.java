package dev.rollback.adapters.leader.kubernetes;

import dev.rollback.adapters.kubernetes.LeaseNames;

/**
 * The Lease the watch replicas of one service elect their leader with: {@code rollback-watch-<service>}. It is not
 * the rollback lock ({@code rollback-<service>}): leading the watch and running a rollback are different claims, and a
 * hand-run {@code rollback model} must still be able to take the lock while a watch leads.
 */
final class WatchLeaseNames {

    private WatchLeaseNames() {
    }

    static String of(String service) {
        return LeaseNames.of("rollback-watch-", service);
    }
}
