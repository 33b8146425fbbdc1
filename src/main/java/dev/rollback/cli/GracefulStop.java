package dev.rollback.cli;

import dev.rollback.core.Sleeper;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM and Ctrl-C for the long-running commands (watch, drill): the signal asks them to stop — waits end at
 * once, no new check starts — and the JVM is held until the command has finished what it started (a rollback, a
 * drill's restore) and closed this. The hook waits on a latch, never on the main thread: Main calls
 * {@code System.exit}, which blocks while hooks run, so joining the main thread would hang until SIGKILL.
 */
final class GracefulStop implements AutoCloseable {

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    /** @param onStop also run at the signal (e.g. give up leadership) */
    GracefulStop(String name, Runnable onStop, Duration maxWait) {
        this.hook = new Thread(() -> {
            onStop.run();
            stopRequested.countDown();
            try {
                finished.await(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean requested() {
        return stopRequested.getCount() == 0;
    }

    /** Sleeps, but wakes at once when a stop is requested. */
    Sleeper sleeper() {
        return d -> stopRequested.await(Math.max(0, d.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** The command is done: a waiting hook may let the JVM exit. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and has just been released
        }
    }
}
