package dev.rollback.core.drill;

import dev.rollback.config.DrillConfig;
import dev.rollback.config.MetricsConfig;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.Sleeper;
import dev.rollback.core.decision.DecisionService;
import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.journal.JournalStore;
import dev.rollback.core.journal.Outcome;
import dev.rollback.core.lock.HeldLock;
import dev.rollback.core.lock.LockOwner;
import dev.rollback.core.model.ModelSteps;
import dev.rollback.core.model.ModelRollbackPlan;
import dev.rollback.core.model.ModelRollbackRequest;
import dev.rollback.core.model.ModelRollbackService;
import dev.rollback.core.plan.ExecutionListener;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.plan.PlannedRollback;
import dev.rollback.core.plan.RollbackRunner;
import dev.rollback.core.plan.StepContext;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.core.watch.RollbackTrigger;
import dev.rollback.core.watch.WatchLoop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * {@code rollback drill}: a rehearsed incident on a staging service, measured. Snapshot the exact state; deploy the
 * drill version as if it were a bad release (the model plan without audit tags, journaled as kind drill-deploy);
 * detect it with the watch loop (real metrics, or a labelled synthetic breach); roll back with the normal plan and
 * verify (the same trigger {@code watch} uses); restore the snapshot exactly (kind drill-restore) and check it.
 * Whatever fails, the restore still runs.
 */
public final class DrillService {

    /** What the drill needs, built by the CLI. */
    public record Parts(ModelRollbackService model, String referenceTemplate, RollbackRunner runner,
            JournalStore journals, StateSnapshots snapshots, DecisionService decisions, SyntheticBreach synthetic,
            RollbackTrigger trigger, LockOwner owner, ExecutionListener listener) {
    }

    private final ServiceConfig config;
    private final String service;
    private final DrillConfig drill;
    private final MetricsConfig metrics;
    private final Parts parts;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> progress;

    public DrillService(ServiceConfig config, DrillConfig drill, MetricsConfig metrics, Parts parts, Clock clock,
            Sleeper sleeper, Consumer<String> progress) {
        this.config = config;
        this.service = config.name();
        this.drill = drill;
        this.metrics = metrics;
        this.parts = parts;
        this.clock = clock;
        this.sleeper = sleeper;
        this.progress = progress;
    }

    /**
     * Runs the drill. Whatever happens after the snapshot — a failure, an interrupt, {@code stopRequested} turning
     * true (SIGTERM) — the restore runs before this returns.
     */
    public DrillReport run(String id, String by, Duration budget, Duration rolloutTimeout,
            BooleanSupplier stopRequested) {
        Instant started = clock.instant();
        StateSnapshot original = parts.snapshots().capture();
        String alias = config.live().alias();
        String originalVersion = alias == null ? null : original.aliases().get(alias); // for the report only
        Measured m = new Measured();
        try {
            m.deployJournal = deploy(id, by, rolloutTimeout);
            Instant live = clock.instant();
            progress.accept("drill: v" + drill.version() + " is live; detecting through the metrics (every "
                    + dev.rollback.core.Words.duration(metrics.watch().interval()) + ", " + metrics.watch().consecutive()
                    + " consecutive hard breaches" + (drill.syntheticBreach() ? ", synthetic breach injected" : "") + ")");
            detectAndRollBack(live, m, stopRequested);
        } catch (InterruptedException e) {
            m.failure = "interrupted before the drill ended";
        } catch (RuntimeException e) { // a DrillFailure, or a registry/cluster error: the restore still runs
            m.failure = e.getMessage() == null ? e.toString() : e.getMessage();
        } finally {
            parts.synthetic().disarm();
        }
        boolean interrupted = Thread.interrupted(); // the restore's own I/O must not be cut short by it
        restore(id, by, rolloutTimeout, original, m);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Duration mttr = m.detection == null || m.triage == null || m.execution == null || m.verification == null ? null
                : m.detection.plus(m.triage).plus(m.execution).plus(m.verification);
        return new DrillReport(id, service, started, clock.instant(), drill.version(), originalVersion,
                m.deployJournal, m.rollbackJournal, m.restoreJournal, m.detection, m.triage, m.execution,
                m.verification, mttr, budget, drill.syntheticBreach(), m.verified, m.differences.isEmpty(),
                m.differences, m.failure);
    }

    /** The plan that would deploy the drill version (nothing changes): what {@code drill --dry-run} shows. */
    public PlannedRollback previewDeploy(String id, String by) {
        return planDeploy(id, by, clock.instant());
    }

    /** The model plan to the drill version, without its audit tags: a drill is not a rollback to record. */
    private PlannedRollback planDeploy(String id, String by, Instant now) {
        ModelRollbackPlan planned = parts.model().plan(new ModelRollbackRequest(id + "-deploy", drill.version(),
                "drill " + id + ": deploy v" + drill.version() + " as a bad release", true, by, false, true, now),
                parts.referenceTemplate());
        List<StepSpec> steps = planned.plan().steps().stream()
                .filter(s -> !s.type().equals(ModelSteps.AUDIT_TAGS_TYPE)).toList();
        Plan plan = new Plan(id + "-deploy", "drill-deploy", service, now, by, planned.plan().reason(), steps,
                List.of("everything else: this is a drill"));
        return new PlannedRollback() {
            @Override
            public Plan plan() {
                return plan;
            }

            @Override
            public List<dev.rollback.core.plan.Check> checks() {
                return planned.checks();
            }

            @Override
            public String headline() {
                return planned.headline();
            }
        };
    }

    /** Rolls the drill version out as the bad release; returns its journal's id. */
    private String deploy(String id, String by, Duration rolloutTimeout) {
        if (!parts.runner().unfinished().isEmpty()) {
            throw new DrillFailure(String.join("; ", parts.runner().unfinished()));
        }
        try (HeldLock lock = parts.runner().lock(parts.owner(), false)) {
            Instant now = clock.instant();
            PlannedRollback planned = planDeploy(id, by, now);
            if (planned.refused()) {
                throw new DrillFailure("deploying v" + drill.version() + " was refused: " + String.join("; ",
                        planned.failures().stream().map(c -> c.message()).toList()));
            }
            Plan plan = planned.plan();
            progress.accept("drill: deploying v" + drill.version() + " (" + planned.headline() + ")");
            RollbackRunner.Run run = parts.runner().execute(plan, lock, context(plan, rolloutTimeout), parts.listener());
            if (run.result().outcome() != Outcome.COMPLETED) {
                throw new DrillFailure("deploying v" + drill.version() + " did not complete ("
                        + run.result().outcome() + "): " + run.result().failure().orElse("see " + run.journal().location()));
            }
            return run.journal().id();
        }
    }

    private void detectAndRollBack(Instant live, Measured m, BooleanSupplier stopRequested)
            throws InterruptedException {
        if (drill.syntheticBreach()) {
            parts.synthetic().arm();
        }
        Instant deadline = live.plus(drill.detectTimeout());
        RollbackTrigger disarmFirst = decision -> {
            parts.synthetic().disarm(); // the rollback's verification must read the real metrics
            return parts.trigger().rollBack(decision);
        };
        WatchLoop loop = new WatchLoop(parts.decisions(), parts.decisions().baseline(), metrics.watch().interval(),
                metrics.watch().consecutive(), clock, sleeper, event -> progress.accept("drill: " + event.message()),
                disarmFirst);
        WatchLoop.Result result = loop.run(() -> clock.instant().isBefore(deadline) && !stopRequested.getAsBoolean());
        if (!result.rolledBack() && stopRequested.getAsBoolean()) {
            throw new DrillFailure("stopped (SIGTERM or Ctrl-C) before the bad release was detected");
        }
        if (!result.rolledBack()) {
            throw new DrillFailure("the bad release was not detected within " + dev.rollback.core.Words.duration(
                    drill.detectTimeout()) + " (" + result.checks() + " checks): the thresholds or queries would miss it");
        }
        m.rollbackJournal = result.rollback().rollbackId();
        Optional<Journal> journal = Optional.ofNullable(m.rollbackJournal).flatMap(parts.journals()::open);
        if (journal.isEmpty()) {
            throw new DrillFailure("the rollback did not start: " + result.rollback().summary());
        }
        phases(live, journal.get(), m);
        if (!result.rollback().succeeded()) {
            throw new DrillFailure("the rollback did not succeed: " + result.rollback().summary());
        }
    }

    /** Phase times from the rollback's own journal: the decision, its plan, its end and its verification. */
    private static void phases(Instant live, Journal journal, Measured m) {
        Instant decided = null;
        Instant end = null;
        for (JournalEntry e : journal.entries()) {
            switch (e.type()) {
                case DECISION -> decided = e.decision().at();
                case END -> end = e.at();
                case VERIFICATION -> {
                    m.verification = e.verification().took();
                    m.verified = e.verification().passed() && e.verification().skipped() == null;
                }
                default -> {
                }
            }
        }
        Instant planned = journal.plan().createdAt();
        if (decided != null) {
            m.detection = Duration.between(live, decided);
            m.triage = Duration.between(decided, planned);
        }
        if (end != null) {
            m.execution = Duration.between(planned, end);
        }
    }

    private void restore(String id, String by, Duration rolloutTimeout, StateSnapshot original, Measured m) {
        try {
            StateSnapshot now = parts.snapshots().capture();
            List<StepSpec> steps = parts.snapshots().restoreSteps(original, now);
            if (!steps.isEmpty()) {
                progress.accept("drill: restoring the original state (" + steps.size() + " steps)");
                try (HeldLock lock = parts.runner().lock(parts.owner(), false)) {
                    Plan plan = new Plan(id + "-restore", "drill-restore", service, clock.instant(), by, "drill " + id
                            + ": restore the state from before the drill", steps, List.of());
                    RollbackRunner.Run run = parts.runner().execute(plan, lock, context(plan, rolloutTimeout),
                            parts.listener());
                    m.restoreJournal = run.journal().id();
                }
            }
            m.differences = StateSnapshots.differences(original, parts.snapshots().capture());
        } catch (RuntimeException e) {
            m.differences = List.of("the restore could not finish: " + e.getMessage());
        }
        if (!m.differences.isEmpty()) {
            progress.accept("drill: NOT restored exactly: " + String.join("; ", m.differences));
        }
    }

    private StepContext context(Plan plan, Duration timeout) {
        return new StepContext(plan.id(), plan.by(), plan.reason(), timeout, progress);
    }

    /** The measurements so far; whatever failed leaves the rest null. */
    private static final class Measured {
        String deployJournal;
        String rollbackJournal;
        String restoreJournal;
        Duration detection;
        Duration triage;
        Duration execution;
        Duration verification;
        boolean verified;
        List<String> differences = List.of();
        String failure;
    }

    private static final class DrillFailure extends RuntimeException {
        DrillFailure(String message) {
            super(message);
        }
    }

}
