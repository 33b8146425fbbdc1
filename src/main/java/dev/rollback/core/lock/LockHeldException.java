package dev.rollback.core.lock;

import java.time.Instant;

/** Someone else holds the service's lock; says who and since when, and whether it has expired. */
public class LockHeldException extends RuntimeException {

    private final String holder;
    private final Instant acquiredAt;
    private final Instant expiresAt;
    private final boolean expired;

    public LockHeldException(String service, String holder, Instant acquiredAt, Instant expiresAt, boolean expired) {
        super("another rollback of " + service + " is in progress: lock held by " + holder + " since " + acquiredAt
                + (expired ? " (expired at " + expiresAt + "; take it over with --steal-lock if that process is gone)"
                        : " (expires " + expiresAt + " unless renewed); wait for it, or find that process"));
        this.holder = holder;
        this.acquiredAt = acquiredAt;
        this.expiresAt = expiresAt;
        this.expired = expired;
    }

    /** For locks that never expire (released by the OS when the holder dies). */
    public LockHeldException(String service, String holder, Instant acquiredAt) {
        super("another rollback of " + service + " is in progress: lock held by " + holder + " since " + acquiredAt
                + "; wait for it to finish");
        this.holder = holder;
        this.acquiredAt = acquiredAt;
        this.expiresAt = null;
        this.expired = false;
    }

    public String holder() {
        return holder;
    }

    public Instant acquiredAt() {
        return acquiredAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean expired() {
        return expired;
    }
}
