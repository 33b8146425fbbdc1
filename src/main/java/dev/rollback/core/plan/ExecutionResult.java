package dev.rollback.core.plan;

import dev.rollback.core.journal.Outcome;

import java.util.List;
import java.util.Optional;

/**
 * How a run ended, with what was done and undone (step indices), and the error that triggered the
 * undo, if any.
 */
public record ExecutionResult(Outcome outcome, List<Integer> applied, List<Integer> compensated,
        List<Integer> compensationFailed, Optional<String> failure) {

    public ExecutionResult {
        applied = List.copyOf(applied);
        compensated = List.copyOf(compensated);
        compensationFailed = List.copyOf(compensationFailed);
    }
}
