package dev.rollback.adapters.lock.kubernetes;

/** The lock could not be checked at all (no access, cluster unreachable): not the same as "someone holds it". */
public class LockUnavailableException extends RuntimeException {

    public LockUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
