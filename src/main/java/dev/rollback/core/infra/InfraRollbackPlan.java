package dev.rollback.core.infra;

import dev.rollback.core.plan.Check;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.plan.PlannedRollback;

import java.util.List;
import java.util.Optional;

/**
 * The plan for a serving rollback: the object as it is, the change decided (empty when refused before one
 * could be decided), every check, and the platform's notes.
 */
public record InfraRollbackPlan(Plan plan, Optional<ServingState> state, Optional<InfraChange> change,
        List<Check> checks, String headline) implements PlannedRollback {

    public InfraRollbackPlan {
        checks = List.copyOf(checks);
    }

    @Override
    public List<String> notes() {
        return change.map(InfraChange::notes).orElse(List.of());
    }

    public Optional<String> fromRevision() {
        return state.map(ServingState::revision).filter(r -> !r.isEmpty());
    }

    public Optional<String> toRevision() {
        return change.map(c -> c.params().get("toRevision"));
    }
}
