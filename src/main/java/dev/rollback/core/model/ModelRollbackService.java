package dev.rollback.core.model;

import dev.rollback.config.ServiceConfig;
import dev.rollback.core.Refusal;
import dev.rollback.core.artifacts.ArtifactStore;
import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalState;
import dev.rollback.core.journal.JournalStore;
import dev.rollback.core.lock.HeldLock;
import dev.rollback.core.lock.LockManager;
import dev.rollback.core.lock.LockOwner;
import dev.rollback.core.plan.ExecutionListener;
import dev.rollback.core.plan.ExecutionResult;
import dev.rollback.core.plan.PlanExecutor;
import dev.rollback.core.plan.StepContext;
import dev.rollback.core.registry.ModelRegistry;
import dev.rollback.core.serving.ServingBinding;
import dev.rollback.core.status.RegistryView;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A model rollback from request to outcome: plan (with preflight), then under the service's lock,
 * journal and execute. Resume and abort use the same journal and executor.
 */
public final class ModelRollbackService {

    /** Renewed every third of it: a dead process frees the lock this long after its last renewal. */
    public static final Duration DEFAULT_LOCK_TTL = Duration.ofSeconds(30);

    private final ServiceConfig service;
    private final ModelRegistry registry;
    private final Optional<ServingBinding> serving;
    private final Optional<ArtifactStore> artifacts;
    private final LockManager locks;
    private final JournalStore journals;
    private final Clock clock;
    private final Duration lockTtl;

    public ModelRollbackService(ServiceConfig service, ModelRegistry registry, Optional<ServingBinding> serving,
            Optional<ArtifactStore> artifacts, LockManager locks, JournalStore journals, Clock clock,
            Duration lockTtl) {
        this.service = service;
        this.registry = registry;
        this.serving = serving;
        this.artifacts = artifacts;
        this.locks = locks;
        this.journals = journals;
        this.clock = clock;
        this.lockTtl = lockTtl;
    }

    public ModelRollbackPlan plan(ModelRollbackRequest request, String referenceTemplate) {
        RegistryView view = RegistryView.read(service, registry);
        ModelRollbackPlan planned = ModelRollbackPlanner.plan(request, view,
                request.registryOnly() ? Optional.empty() : serving, artifacts, referenceTemplate);
        List<Check> checks = new ArrayList<>(planned.checks());
        for (Journal journal : journals.list()) {
            if (journal.plan().service().equals(service.name()) && !JournalState.of(journal.entries()).finished()) {
                // Its half-applied state would be taken for the live state: finish or undo it first.
                checks.add(Check.fail("unfinished", "rollback " + journal.id() + " of " + service.name()
                        + " is unfinished; run 'rollback resume " + journal.id() + "' or 'rollback abort "
                        + journal.id() + "' first"));
            }
        }
        return new ModelRollbackPlan(planned.plan(), planned.from(), planned.to(), checks);
    }

    /**
     * Takes the service's lock. Taken before planning, so the plan is never made from a state that
     * another rollback is changing, and held while the operator reads and confirms it.
     */
    public HeldLock lock(LockOwner owner, boolean stealLock) {
        return locks.acquire(service.name(), owner, lockTtl, stealLock);
    }

    /** Runs an accepted plan under the lock from {@link #lock}; the caller has shown it and had it confirmed. */
    public Run execute(ModelRollbackPlan planned, HeldLock lock, StepContext context, ExecutionListener listener) {
        Journal journal = journals.create(planned.plan());
        ExecutionResult result = executor(listener, lock).run(journal, context);
        return new Run(journal, result);
    }

    /** Finishes an interrupted rollback from its journal. Its lock expired with the dead process. */
    public Run resume(Journal journal, LockOwner owner, StepContext context, ExecutionListener listener) {
        requireUnfinished(journal);
        try (HeldLock lock = locks.acquire(service.name(), owner, lockTtl, true)) {
            Journal current = reread(journal);
            return new Run(current, executor(listener, lock).run(current, context));
        }
    }

    /** Reverts an interrupted rollback from its journal. */
    public Run abort(Journal journal, LockOwner owner, StepContext context, ExecutionListener listener) {
        requireUnfinished(journal);
        try (HeldLock lock = locks.acquire(service.name(), owner, lockTtl, true)) {
            Journal current = reread(journal);
            return new Run(current, executor(listener, lock).abort(current, context));
        }
    }

    /**
     * The journal as it is now that we hold the lock: whoever held it before (on this machine or, with a
     * mirror, another one) may have finished or advanced it since it was first read.
     */
    private Journal reread(Journal journal) {
        Journal current = journals.open(journal.id()).orElse(journal);
        requireUnfinished(current);
        return current;
    }

    private PlanExecutor executor(ExecutionListener listener, HeldLock lock) {
        return new PlanExecutor(new ModelSteps(registry, serving), listener, clock, lock::stillHeld);
    }

    private static void requireUnfinished(Journal journal) {
        JournalState state = JournalState.of(journal.entries());
        if (state.finished()) {
            throw new Refusal("rollback " + journal.id() + " already ended ("
                    + state.outcome().orElseThrow() + "); nothing to resume or abort");
        }
    }

    /** A finished run: its journal and how it ended. */
    public record Run(Journal journal, ExecutionResult result) {
    }
}
