package dev.rollback.core.serving;

import dev.rollback.core.plan.Step;
import dev.rollback.core.plan.StepContext;
import dev.rollback.core.plan.StepSpec;

import java.util.Map;

/**
 * Waits until serving actually runs the target model. A rollout that does not complete in time
 * fails the plan (and so undoes it), naming the failing pods and why.
 */
public final class RolloutStep implements Step {

    public static final String TYPE = "serving.rollout";

    private final StepSpec spec;
    private final RolloutWatcher serving;

    public RolloutStep(StepSpec spec, RolloutWatcher serving) {
        this.spec = spec;
        this.serving = serving;
    }

    public static StepSpec spec(RolloutWatcher serving) {
        return spec(serving, Map.of());
    }

    /** {@code params} say which adapter waits when the journal is replayed (see InfraSteps). */
    public static StepSpec spec(RolloutWatcher serving, Map<String, String> params) {
        return new StepSpec(TYPE, "serving", "rollout of " + serving.describe(), "in progress", "complete", params);
    }

    @Override
    public StepSpec spec() {
        return spec;
    }

    @Override
    public String apply(StepContext context) {
        RolloutOutcome outcome = serving.awaitRollout(context.timeout(), p -> context.progress().accept(p.describe()));
        if (!outcome.complete()) {
            String pods = outcome.podProblems().isEmpty() ? "" : " (" + String.join("; ", outcome.podProblems()) + ")";
            throw new IllegalStateException(outcome.summary() + pods);
        }
        return outcome.lastProgress().describe();
    }

    @Override
    public String compensate(StepContext context) {
        return "nothing to undo: waiting changed nothing";
    }
}
