package dev.rollback.adapters.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Uploads journals on one background thread. Uploads of one journal coalesce: while one is queued,
 * further appends do not queue another (the queued one reads the file when it runs, so it carries
 * them). Every upload runs on that one thread, so two copies of a journal never race. A failure is
 * reported once; later uploads still try, and the next read syncs what is missing.
 */
final class MirrorUploader {

    private final JournalMirror mirror;
    private final Consumer<String> warnings;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "journal-mirror");
        t.setDaemon(true); // never keeps the CLI alive; END waits for its upload explicitly
        return t;
    });

    MirrorUploader(JournalMirror mirror, Consumer<String> warnings) {
        this.mirror = mirror;
        this.warnings = warnings;
    }

    void schedule(String id, Path file) {
        if (queued.add(id)) {
            executor.execute(() -> {
                queued.remove(id); // before reading: an append from now on queues a fresh upload
                upload(id, file);
            });
        }
    }

    /** Journals only grow: a copy is newer than another when it starts with all of it. */
    static boolean extendsCopy(byte[] longer, byte[] shorter) {
        return longer.length >= shorter.length && Arrays.equals(longer, 0, shorter.length, shorter, 0, shorter.length);
    }

    private void upload(String id, Path file) {
        try {
            mirror.put(id, Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            warn("cannot mirror journal " + id + " to " + mirror.describe() + ": " + e.getMessage()
                    + "; the local journal " + file + " is complete, and the next rollback command run with"
                    + " the mirror reachable uploads it");
        }
    }

    private void warn(String message) {
        if (warned.compareAndSet(false, true)) {
            warnings.accept(message);
        }
    }

    /** Waits until every upload scheduled so far has run (bounded: a dead mirror must not hang the CLI). */
    void awaitIdle(Duration timeout) {
        try {
            executor.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            warnings.accept("journal upload to " + mirror.describe() + " still running after " + timeout.toSeconds()
                    + " s; the local journal is complete, and the next rollback command uploads it");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
