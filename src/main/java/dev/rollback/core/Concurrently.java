package dev.rollback.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs independent remote calls at once, so a command over N services or N versions takes about as
 * long as the slowest call rather than the sum. Results keep the input order.
 */
public final class Concurrently {

    private Concurrently() {
    }

    /**
     * Applies {@code call} to every item, at most {@code maxParallel} at a time. The first failure
     * (in input order) is rethrown as it was thrown.
     */
    public static <T, R> List<R> map(List<T> items, int maxParallel, String threadName, Function<T, R> call) {
        if (items.size() <= 1) {
            return items.stream().map(call).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(items.size(), maxParallel), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true); // never keeps the JVM alive after the command
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> call.apply(item)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(join(future));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R join(Future<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
