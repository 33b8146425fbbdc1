package dev.rollback.core.model;

import dev.rollback.core.plan.Plan;
import dev.rollback.core.registry.ModelVersion;

import java.util.List;

/** The plan for a model rollback, with the versions involved and every preflight check's result. */
public record ModelRollbackPlan(Plan plan, ModelVersion from, ModelVersion to, List<Check> checks) {

    public boolean refused() {
        return checks.stream().anyMatch(c -> c.result() == Check.Result.FAIL);
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> c.result() == Check.Result.FAIL).toList();
    }
}
