package dev.rollback.core.infra;

import dev.rollback.core.plan.Step;
import dev.rollback.core.plan.StepContext;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.core.serving.RolloutOutcome;

/**
 * Takes the serving platform back to the planned revision (or canary state). Undo puts the original back
 * and waits for that rollout too, so "reverted" means serving what was live before.
 */
public final class InfraUndoStep implements Step {

    public static final String TYPE = "serving.undo";

    private final StepSpec spec;
    private final ServingPlatform platform;

    InfraUndoStep(StepSpec spec, ServingPlatform platform) {
        this.spec = spec;
        this.platform = platform;
    }

    static StepSpec spec(ServingPlatform platform, InfraChange change) {
        return new StepSpec(TYPE, "serving", platform.describe() + ": " + change.action(), change.before(),
                change.after(), change.params());
    }

    @Override
    public StepSpec spec() {
        return spec;
    }

    @Override
    public String apply(StepContext context) {
        return platform.apply(spec.params(), changeContext("rollback " + context.rollbackId(), context));
    }

    @Override
    public String compensate(StepContext context) {
        String result = platform.revert(spec.params(), changeContext("undo of rollback " + context.rollbackId(), context));
        RolloutOutcome outcome = platform.awaitRollout(context.timeout(), p -> context.progress().accept(
                "undo: " + p.describe()));
        return outcome.complete() ? result + "; rollout complete" : result + "; " + outcome.summary();
    }

    private static ChangeContext changeContext(String what, StepContext context) {
        String cause = what + " by " + context.by() + ": " + context.reason();
        // kubectl rollout history shows it in one line; keep it short
        return new ChangeContext(cause.length() > 250 ? cause.substring(0, 249) + "…" : cause, context.timeout(),
                context.progress());
    }
}
