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

    /**
     * Marks the rollout wait of an infra plan: it waits on the platform. A model plan's wait stays with the
     * binding that made the change (it knows which revision it replaced, e.g. KServe's).
     */
    static final String WAIT_ON = "waitOn";
    static final String ON_PLATFORM = "platform";

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
        if (RolloutStep.TYPE.equals(spec.type()) && ON_PLATFORM.equals(spec.params().get(WAIT_ON)) && platform.isPresent()) {
            return new RolloutStep(spec, platform.get());
        }
        return others.create(spec);
    }
}
