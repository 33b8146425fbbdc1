package dev.rollback.core.model;

import dev.rollback.core.plan.Step;
import dev.rollback.core.plan.StepContext;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.ServingBinding;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingSnapshot;

import java.util.Map;

/**
 * Re-points serving at the target model. Applies only over the value the plan saw (anything else
 * means someone else changed serving meanwhile: refuse, never overwrite). Undo restores the value
 * and waits for that rollout too, so "reverted" means serving the old model again.
 */
public final class ServingReferenceStep implements Step {

    static final String TYPE = "serving.model-reference";
    private static final int CONFLICT_ATTEMPTS = 5;

    private final StepSpec spec;
    private final ServingBinding serving;

    ServingReferenceStep(StepSpec spec, ServingBinding serving) {
        this.spec = spec;
        this.serving = serving;
    }

    public static StepSpec spec(ServingBinding serving, String from, String to) {
        return new StepSpec(TYPE, "serving", serving.describe(), from, to, Map.of());
    }

    @Override
    public StepSpec spec() {
        return spec;
    }

    @Override
    public String apply(StepContext context) {
        return change(spec.before(), spec.after(), context, "rollback " + context.rollbackId());
    }

    @Override
    public String compensate(StepContext context) {
        String result = change(spec.after(), spec.before(), context, "undo of rollback " + context.rollbackId());
        RolloutOutcome outcome = serving.awaitRollout(context.timeout(), p -> context.progress().accept(
                "undo: " + p.describe()));
        return outcome.complete() ? result + "; rollout complete" : result + "; " + outcome.summary();
    }

    /**
     * The controller writes the object's status all the time, and every write bumps its resourceVersion
     * (status included), so a conditional write can lose to a status update that touched nothing we care
     * about. Like client-go's RetryOnConflict: re-read, and retry only while the value is still the planned one.
     */
    private String change(String expected, String wanted, StepContext context, String what) {
        for (int attempt = 1; ; attempt++) {
            ServingSnapshot current = serving.read();
            if (current.modelReference().equals(wanted)) {
                return "already " + wanted; // repeated after a crash: nothing to do
            }
            if (!current.modelReference().equals(expected)) {
                throw new ServingException(ServingException.Kind.CONFLICT, spec.target() + " is "
                        + current.modelReference() + ", not " + expected + " as planned: someone else changed it; "
                        + "nothing was overwritten");
            }
            try {
                ServingSnapshot after = serving.setModelReference(current, wanted, changeCause(what, context));
                return after.modelReference() + " (resourceVersion " + after.resourceVersion() + ")";
            } catch (ServingException e) {
                if (e.kind() != ServingException.Kind.CONFLICT || attempt >= CONFLICT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Shown by {@code kubectl rollout history}: the id leads to the journal, the reason to the incident. */
    static String changeCause(String what, StepContext context) {
        String cause = what + " by " + context.by() + ": " + context.reason();
        return cause.length() > 250 ? cause.substring(0, 249) + "…" : cause;
    }
}
