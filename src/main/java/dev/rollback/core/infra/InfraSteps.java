package dev.rollback.core.infra;

import dev.rollback.core.plan.Step;
import dev.rollback.core.plan.StepFactory;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.core.serving.RolloutStep;

import java.util.Optional;

/**
 * Builds serving-platform steps (and rollout waits on the platform), and leaves every other step kind to
 * the model steps, so one journal, whichever layers its plan touches, can be resumed or aborted.
 */
public final class InfraSteps implements StepFactory {

    private final Optional<ServingPlatform> platform;
    private final StepFactory others;

    public InfraSteps(Optional<ServingPlatform> platform, StepFactory others) {
        this.platform = platform;
        this.others = others;
    }

    @Override
    public Step create(StepSpec spec) {
        if (InfraUndoStep.TYPE.equals(spec.type())) {
            return new InfraUndoStep(spec, platform.orElseThrow(() -> new IllegalStateException(
                    "step '" + spec.target() + "' needs the serving configuration, which is missing")));
        }
        if (RolloutStep.TYPE.equals(spec.type()) && platform.isPresent()) {
            return new RolloutStep(spec, platform.get());
        }
        return others.create(spec);
    }
}
