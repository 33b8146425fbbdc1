package dev.rollback.core.lock;

import java.time.Duration;

/** One rollback per service at a time, across every machine that can run one. */
public interface LockManager {

    /**
     * Takes the service's lock, or fails at once with {@link LockHeldException} naming the holder.
     * The returned lock renews itself in the background until closed.
     *
     * @param stealExpired take over a lock whose holder stopped renewing it (never a live one)
     */
    HeldLock acquire(String service, LockOwner owner, Duration ttl, boolean stealExpired);
}
