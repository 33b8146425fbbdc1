package dev.rollback.adapters.leader.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One watch replica in a leader-election test: a {@link LeaseLeadership} running on its own thread, with work that
 * acts (stands in for the watch loop) while {@code stillLeader} is true and records each term: when it started, the
 * last moment it saw itself leader, when it ended. {@code acting} is shared by the candidates of one test, so two
 * works acting at once are caught the moment the second starts.
 */
final class Candidate {

    /** One run of the work. Times are System.nanoTime(). */
    static final class Term {
        final long startedAt = System.nanoTime();
        volatile long lastLeaderAt = startedAt;
        volatile long endedAt;
    }

    final String identity;
    final LeaseLeadership leadership;
    final List<Term> terms = new CopyOnWriteArrayList<>();
    final List<String> notices = new CopyOnWriteArrayList<>();
    private final AtomicInteger acting;
    private final List<String> overlaps;
    private final boolean finishAtOnce;
    private final Thread thread;
    private volatile Throwable failure;

    /** @param finishAtOnce the work returns as soon as it starts, as the watch loop does after its rollback */
    Candidate(KubernetesClient client, String namespace, String service, String identity, Timing timing,
            AtomicInteger acting, List<String> overlaps, boolean finishAtOnce) {
        this.identity = identity;
        this.acting = acting;
        this.overlaps = overlaps;
        this.finishAtOnce = finishAtOnce;
        this.leadership = new LeaseLeadership(client, namespace, service, identity, notices::add, timing.lease(),
                timing.renew(), timing.retry());
        this.thread = new Thread(this::run, "candidate-" + identity);
        this.thread.setDaemon(true);
    }

    /** Short timings so a take-over takes seconds: fabric8's own rules still hold (lease > renew > 2.2 x retry). */
    record Timing(Duration lease, Duration renew, Duration retry) {
        static final Timing FAST = new Timing(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(400));
    }

    Candidate start() {
        thread.start();
        return this;
    }

    void stop() {
        leadership.stop();
    }

    /** Whether run() returned within {@code timeout}; rethrows what it threw. */
    boolean returnedWithin(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (failure != null) {
            throw new AssertionError(identity + " failed", failure);
        }
        return !thread.isAlive();
    }

    boolean acting() {
        return !terms.isEmpty() && terms.get(terms.size() - 1).endedAt == 0;
    }

    private void run() {
        try {
            leadership.run(this::work);
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void work(BooleanSupplier stillLeader) {
        Term term = new Term();
        terms.add(term);
        if (acting.incrementAndGet() > 1) {
            overlaps.add(identity + " started acting while another candidate was still acting");
        }
        try {
            while (!finishAtOnce && stillLeader.getAsBoolean()) {
                term.lastLeaderAt = System.nanoTime();
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            acting.decrementAndGet();
            term.endedAt = System.nanoTime();
        }
    }

    @Override
    public String toString() {
        return identity + " " + terms.size() + " terms, notices " + notices;
    }
}
