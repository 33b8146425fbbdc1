package dev.rollback.core.plan;

import dev.rollback.core.Refusal;
import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalState;
import dev.rollback.core.journal.JournalStore;
import dev.rollback.core.lock.HeldLock;
import dev.rollback.core.lock.LockManager;
import dev.rollback.core.lock.LockOwner;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Runs any rollback plan of one service (model, infra, or both): under the service's lock, with a
 * write-ahead journal; and finishes or reverts an interrupted one from its journal. One implementation
 * for every kind of rollback, so they all share the lock, the journal and the compensation rules.
 */
public final class RollbackRunner {

    /** Renewed every third of it: a dead process frees the lock this long after its last renewal. */
    public static final Duration DEFAULT_LOCK_TTL = Duration.ofSeconds(30);

    private final String service;
    private final LockManager locks;
    private final JournalStore journals;
    private final StepFactory steps;
    private final Clock clock;
    private final Duration lockTtl;

    public RollbackRunner(String service, LockManager locks, JournalStore journals, StepFactory steps, Clock clock,
            Duration lockTtl) {
        this.service = service;
        this.locks = locks;
        this.journals = journals;
        this.steps = steps;
        this.clock = clock;
        this.lockTtl = lockTtl;
    }

    /**
     * Takes the service's lock. Taken before planning, so the plan is never made from a state that
     * another rollback is changing, and held while the operator reads and confirms it.
     */
    public HeldLock lock(LockOwner owner, boolean stealLock) {
        return locks.acquire(service, owner, lockTtl, stealLock);
    }

    /**
     * Why a new rollback of this service must wait: each unfinished one, whose half-applied state would be
     * taken for the live state. Finish or undo it first.
     */
    public List<String> unfinished() {
        return journals.list().stream()
                .filter(j -> j.plan().service().equals(service) && !JournalState.of(j.entries()).finished())
                .map(j -> "rollback " + j.id() + " of " + service + " is unfinished; run 'rollback resume " + j.id()
                        + "' or 'rollback abort " + j.id() + "' first")
                .toList();
    }

    /** Runs an accepted plan under the lock from {@link #lock}; the caller has shown it and had it confirmed. */
    public Run execute(Plan plan, HeldLock lock, StepContext context, ExecutionListener listener) {
        Journal journal = journals.create(plan);
        return new Run(journal, executor(listener, lock).run(journal, context));
    }

    /** Finishes an interrupted rollback from its journal. Its lock expired with the dead process. */
    public Run resume(Journal journal, LockOwner owner, StepContext context, ExecutionListener listener) {
        requireUnfinished(journal);
        try (HeldLock lock = locks.acquire(service, owner, lockTtl, true)) {
            Journal current = reread(journal);
            return new Run(current, executor(listener, lock).run(current, context));
        }
    }

    /** Reverts an interrupted rollback from its journal. */
    public Run abort(Journal journal, LockOwner owner, StepContext context, ExecutionListener listener) {
        requireUnfinished(journal);
        try (HeldLock lock = locks.acquire(service, owner, lockTtl, true)) {
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
        return new PlanExecutor(steps, listener, clock, lock::stillHeld);
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
