package dev.rollback.core.retrain;

import dev.rollback.core.plan.Check;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.plan.PlannedRollback;

import java.util.List;

/** The plan for a retrain: one trigger of the CI pipeline, the exact request it sends, and the checks. */
public record RetrainPlan(Plan plan, RetrainParameters parameters, RequestPreview request, List<Check> checks)
        implements PlannedRollback {

    public RetrainPlan {
        checks = List.copyOf(checks);
    }

    @Override
    public String headline() {
        return "retrain " + parameters.model() + " on dataset " + parameters.datasetVersion();
    }

    @Override
    public List<String> notes() {
        return List.of("request: " + request.method() + " " + request.url(),
                "the pipeline trains and registers a new version; promote it as usual ('rollback prepare' first)");
    }
}
