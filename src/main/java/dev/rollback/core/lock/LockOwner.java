package dev.rollback.core.lock;

/** Who holds a lock: {@code user@host} and the process id, so a human can find the process. */
public record LockOwner(String identity, long pid) {

    /** The form stored as the Lease holder: {@code user@host/pid}. */
    public String holder() {
        return identity + "/" + pid;
    }
}
