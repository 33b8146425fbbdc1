package dev.rollback.core.watch;

import dev.rollback.core.decision.Decision;

/**
 * What {@code watch} (and {@code drill}) does when the decision says roll back: the same plan {@code rollback
 * model SERVICE --to healthy-baseline} runs, under the same lock and journal, with the decision recorded in it.
 */
@FunctionalInterface
public interface RollbackTrigger {

    Triggered rollBack(Decision decision) throws InterruptedException;

    /**
     * How the triggered rollback ended.
     *
     * @param rollbackId null when it was refused before a journal was written
     * @param succeeded  rolled back (and, when verified, recovered)
     * @param summary    one line for people
     * @param exitCode   what the CLI exits with for it
     */
    record Triggered(String rollbackId, boolean succeeded, String summary, int exitCode) {
    }
}
