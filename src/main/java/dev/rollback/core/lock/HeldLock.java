package dev.rollback.core.lock;

/** A lock this process holds; renewed in the background, released by {@link #close()}. */
public interface HeldLock extends AutoCloseable {

    /** False once renewal failed (lost to another holder, or the API is gone): stop changing things. */
    boolean stillHeld();

    @Override
    void close();
}
