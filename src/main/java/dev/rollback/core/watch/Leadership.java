package dev.rollback.core.watch;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Makes sure only one of several {@code rollback watch} replicas acts on a service at a time. The work (the watch
 * loop) receives a {@code stillLeader} supplier to pass as the loop's {@code keepGoing}: it turns false the moment
 * this process may no longer act (leadership lost, or {@link #stop()}), and the work must then return without
 * starting anything new. A rollback already under way is not interrupted (it holds the service's own rollback lock).
 */
public interface Leadership {

    /**
     * Runs {@code leaderWork} while this process leads. Returns when the work returns while still leading (it finished,
     * e.g. after its rollback), or once {@link #stop()} was called and the work (if running) has returned. When
     * leadership is lost while the work runs, the work sees {@code stillLeader} false and returns; this process then
     * stands by and runs the work afresh if it becomes leader again. Leadership is given up before returning.
     *
     * @throws InterruptedException when the calling thread is interrupted while standing by
     */
    void run(Consumer<BooleanSupplier> leaderWork) throws InterruptedException;

    /**
     * Asks {@link #run} to end (SIGTERM): {@code stillLeader} turns false at once; a standby process returns at once.
     * Safe to call from any thread, more than once.
     */
    void stop();
}
