package dev.rollback.core.model;

import dev.rollback.core.plan.Check;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.plan.PlannedRollback;
import dev.rollback.core.registry.ModelVersion;

import java.util.List;

/** The plan for a model rollback, with the versions involved and every preflight check's result. */
public record ModelRollbackPlan(Plan plan, ModelVersion from, ModelVersion to, List<Check> checks)
        implements PlannedRollback {

    @Override
    public String headline() {
        return from == null || to == null ? "" : "v" + from.version() + " → v" + to.version();
    }
}
