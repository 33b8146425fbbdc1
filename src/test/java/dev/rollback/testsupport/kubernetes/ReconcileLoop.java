package dev.rollback.testsupport.kubernetes;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The background loop of the test controllers (Deployment, Argo Rollouts, KServe stand-ins): one daemon thread
 * that reconciles every ~100 ms until closed, keeping the last error so a test can tell "controller broken"
 * from "rollout stuck". A request cut short by {@link #close()} is not counted as an error.
 */
final class ReconcileLoop implements AutoCloseable {

    private final String threadName;
    private final Runnable reconcile;
    private final AtomicReference<RuntimeException> lastError = new AtomicReference<>();
    private ScheduledExecutorService loop;

    ReconcileLoop(String threadName, Runnable reconcile) {
        this.threadName = threadName;
        this.reconcile = reconcile;
    }

    synchronized void start() {
        if (loop != null) {
            return;
        }
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(() -> {
            try {
                reconcile.run();
            } catch (RuntimeException e) {
                if (!Thread.currentThread().isInterrupted()) {
                    lastError.set(e);
                }
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    RuntimeException lastError() {
        return lastError.get();
    }

    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.shutdownNow();
            try {
                loop.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop = null;
        }
    }
}
