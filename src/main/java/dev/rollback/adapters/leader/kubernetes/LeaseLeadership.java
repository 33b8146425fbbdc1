package dev.rollback.adapters.leader.kubernetes;

import dev.rollback.core.watch.Leadership;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Leader election among the watch replicas of one service, with fabric8's own elector on a
 * {@code coordination.k8s.io/v1} Lease {@code rollback-watch-<service>}: the leader renews the Lease every retry
 * period; the others try to take it every retry period and succeed once it was not renewed for a lease duration (or
 * was released). Every write carries the resourceVersion just read, so of two replicas taking it at once exactly one
 * wins.
 *
 * <p>Safety: the work's {@code stillLeader} turns false, and stays false for that term, as soon as any of these
 * holds: the elector saw another holder or gave up (renew deadline), {@link #stop()} was called, or no renewal was
 * confirmed by the API server within the renew deadline by our own clock. The renew deadline (10 s) is shorter than
 * the lease duration (15 s) the others wait for, so the old leader stops acting before a new one can start
 * (given clocks that agree to within the 5 s between them).
 *
 * <p>On {@link #stop()} or when the work finishes, the Lease is released (holder cleared): a standby replica takes over
 * within about one retry period instead of a whole lease duration.
 */
public final class LeaseLeadership implements Leadership {

    public static final Duration LEASE_DURATION = Duration.ofSeconds(15);
    public static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
    public static final Duration RETRY_PERIOD = Duration.ofSeconds(2);
    /** fabric8 waits up to this factor of the retry period more between tries (jitter). */
    private static final double JITTER = 1.2;

    private final KubernetesClient client;
    private final String namespace;
    private final String service;
    private final String leaseName;
    private final String identity;
    private final Consumer<String> notices;
    private final Duration leaseDuration;
    private final Duration renewDeadline;
    private final Duration retryPeriod;
    private final Object monitor = new Object();
    private volatile boolean stopping;
    /** The last problem reported per Lease operation: each is told once, not every retry period, until it works. */
    private final Map<String, String> reported = new ConcurrentHashMap<>();

    /** Lease duration 15 s, renew deadline 10 s, retry period 2 s; identity from the pod name or user@host/pid. */
    public LeaseLeadership(KubernetesClient client, String namespace, String service, Map<String, String> env,
            Consumer<String> notices) {
        this(client, namespace, service, identity(env), notices, LEASE_DURATION, RENEW_DEADLINE, RETRY_PERIOD);
    }

    /**
     * @param notices one line per change worth telling the operator (leading, standing by behind X, lost, a Lease
     *                call failing and why); called from fabric8's threads
     * @throws IllegalArgumentException unless lease duration (whole seconds, as the Lease stores it) > renew deadline
     *                                  > 2.2 × retry period (fabric8's own rule, with its jitter)
     */
    public LeaseLeadership(KubernetesClient client, String namespace, String service, String identity,
            Consumer<String> notices, Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        if (leaseDuration.toMillis() % 1000 != 0 || leaseDuration.compareTo(renewDeadline) <= 0
                || renewDeadline.toMillis() <= retryPeriod.toMillis() * (1 + JITTER) || retryPeriod.isNegative()
                || retryPeriod.isZero()) {
            throw new IllegalArgumentException("leader election timing must be: lease duration (whole seconds) > "
                    + "renew deadline > 2.2 x retry period; got " + leaseDuration + ", " + renewDeadline + ", "
                    + retryPeriod);
        }
        this.client = client;
        this.namespace = namespace;
        this.service = service;
        this.leaseName = WatchLeaseNames.of(service);
        this.identity = identity;
        this.notices = notices;
        this.leaseDuration = leaseDuration;
        this.renewDeadline = renewDeadline;
        this.retryPeriod = retryPeriod;
    }

    /** The pod name (POD_NAME, or HOSTNAME in a pod), else user@host/pid. */
    public static String identity(Map<String, String> env) {
        return LeaderIdentity.of(env, ProcessHandle.current().pid());
    }

    /** {@code rollback-watch-<service>}, made a valid object name. */
    public static String leaseName(String service) {
        return WatchLeaseNames.of(service);
    }

    public String identity() {
        return identity;
    }

    public String leaseName() {
        return leaseName;
    }

    @Override
    public void run(Consumer<BooleanSupplier> leaderWork) throws InterruptedException {
        while (!stopping) {
            Term term = new Term();
            CompletableFuture<?> election = client.leaderElector().withConfig(config(term)).build().start();
            election.whenComplete((ok, failure) -> wake());
            boolean finished = false;
            try {
                if (awaitLeading(term, election) && term.stillLeader()) {
                    leaderWork.accept(term::stillLeader);
                    finished = term.stillLeader(); // returned while leading: done (e.g. after its rollback)
                }
            } finally {
                end(term, election);
            }
            if (finished) {
                return;
            }
            if (!stopping) {
                notices.accept(prefix() + "no longer leading; standing by to lead again");
            }
        }
    }

    @Override
    public void stop() {
        stopping = true;
        wake();
    }

    /**
     * Cancels the election; with releaseOnCancel fabric8 then clears the holder (only while the Lease is still ours),
     * so a standby replica need not wait out the lease duration. fabric8 runs that release in whichever thread
     * completes its futures, sometimes its own: after leading, wait for its onStopLeading (it comes exactly once per
     * term: released, failed to release, or lost before), but no longer than a lease duration, after which the Lease
     * has expired anyway. Without the wait a SIGTERMed process could exit before its release was sent.
     */
    private void end(Term term, CompletableFuture<?> election) {
        election.cancel(true);
        try {
            if (term.everLed && !term.stoppedLeading.await(leaseDuration.toMillis(), TimeUnit.MILLISECONDS)) {
                notices.accept(prefix() + "could not confirm giving up " + where() + "; it expires within "
                        + leaseDuration.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // run() ends at its next wait; never hide what the work threw
        }
    }

    /** True once this term leads; false when stopped first (or the election ended without leading). */
    private boolean awaitLeading(Term term, CompletableFuture<?> election) throws InterruptedException {
        synchronized (monitor) {
            while (!term.everLed && !stopping && !election.isDone()) {
                monitor.wait();
            }
            return term.everLed && !stopping;
        }
    }

    private void wake() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    private LeaderElectionConfig config(Term term) {
        return new LeaderElectionConfigBuilder()
                .withName(leaseName)
                .withLock(term.lock)
                .withLeaseDuration(leaseDuration)
                .withRenewDeadline(renewDeadline)
                .withRetryPeriod(retryPeriod)
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(term::started, term::stopped, term::newLeader))
                .build();
    }

    private void failed(String operation, KubernetesClientException e) {
        Optional<String> line = LeaseProblems.describe(e, String.valueOf(client.getMasterUrl()), leaseName, namespace,
                retryPeriod);
        if (line.isPresent() && !line.get().equals(reported.put(operation, line.get()))) {
            notices.accept(prefix() + line.get());
        }
    }

    private String prefix() {
        return "rollback watch " + service + ": ";
    }

    private String where() {
        return "Lease " + namespace + "/" + leaseName;
    }

    /** One run of fabric8's elector: it may be used once, so every new candidacy gets a new term. */
    private final class Term {
        final ObservedLock lock = new ObservedLock(new LeaseLock(namespace, leaseName, identity), System::nanoTime,
                LeaseLeadership.this::failed, reported::remove);
        final CountDownLatch stoppedLeading = new CountDownLatch(1);
        volatile boolean leading;
        volatile boolean everLed;
        private volatile boolean revoked; // once false, stillLeader stays false for this term

        boolean stillLeader() {
            if (revoked) {
                return false;
            }
            if (!leading || stopping || !lock.confirmedWithin(renewDeadline.toNanos())) {
                revoked = true;
                return false;
            }
            return true;
        }

        void started() {
            leading = true;
            everLed = true;
            notices.accept(prefix() + "leading as " + identity + " (" + where() + ")");
            wake();
        }

        void stopped() {
            leading = false;
            stoppedLeading.countDown();
        }

        void newLeader(String leader) {
            if (!Objects.equals(leader, identity)) {
                leading = false;
                if (leader != null && !leader.isEmpty()) {
                    notices.accept(prefix() + leader + " leads (" + where() + "); standing by");
                }
            }
        }
    }
}
