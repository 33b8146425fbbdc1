package dev.rollback.core.infra;

import dev.rollback.config.ServiceConfig;
import dev.rollback.core.Refusal;
import dev.rollback.core.model.ModelRollbackPlan;
import dev.rollback.core.model.ModelRollbackPlanner;
import dev.rollback.core.plan.Check;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.plan.RollbackRunner;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.core.serving.RolloutStep;
import dev.rollback.core.serving.ServingException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans a serving rollback ({@code rollback infra}): reads the object, lets the platform decide the undo,
 * and checks what would make it unsafe (a GitOps controller that would revert it, a release that changed
 * the model too, an unfinished rollback). The {@link RollbackRunner} runs it like any other plan.
 */
public final class InfraRollbackService {

    private final ServiceConfig service;
    private final ServingPlatform platform;
    private final RollbackRunner runner;

    public InfraRollbackService(ServiceConfig service, ServingPlatform platform, RollbackRunner runner) {
        this.service = service;
        this.platform = platform;
        this.runner = runner;
    }

    /**
     * @param model the registry part for {@code --both} (planned registry-only, so the undo does the serving
     *              change); empty for a serving-only rollback
     * @param modelReference what the model target's reference is, to check the revision serves it; "" if unknown
     */
    public InfraRollbackPlan plan(InfraRollbackRequest request, Optional<ModelRollbackPlan> model, String modelReference) {
        List<Check> checks = new ArrayList<>();
        model.ifPresent(m -> checks.addAll(m.checks()));
        ServingState state;
        try {
            state = platform.read();
        } catch (ServingException e) {
            checks.add(Check.fail("serving", e.getMessage()));
            return refused(request, Optional.empty(), checks);
        }
        checks.add(Check.pass("serving", platform.describe() + " is at revision " + blankAsUnknown(state.revision())
                + " (" + state.phase().name().toLowerCase() + (state.phaseDetail().isEmpty() ? "" : ": " + state.phaseDetail())
                + ")"));
        state.gitOps().ifPresent(owner -> checks.add(gitOpsCheck(owner, request)));
        InfraChange change;
        try {
            change = platform.planUndo(new UndoRequest(request.toRevision(), request.fixPending()));
        } catch (Refusal | ServingException e) {
            checks.add(Check.fail("target", e.getMessage()));
            return refused(request, Optional.of(state), checks);
        }
        checks.add(modelCheck(state, change, request.both(), modelReference));
        if (model.isEmpty()) { // the model part has checked it already
            runner.unfinished().forEach(why -> checks.add(Check.fail("unfinished", why)));
        }

        List<StepSpec> steps = new ArrayList<>();
        List<StepSpec> modelSteps = model.map(m -> m.plan().steps()).orElse(List.of());
        modelSteps.stream().filter(s -> !s.layer().equals("audit")).forEach(steps::add);
        steps.add(InfraUndoStep.spec(platform, change));
        steps.add(RolloutStep.spec(platform, java.util.Map.of(InfraSteps.WAIT_ON, InfraSteps.ON_PLATFORM)));
        modelSteps.stream().filter(s -> s.layer().equals("audit")).forEach(steps::add);
        List<String> untouched = new ArrayList<>();
        if (model.isEmpty()) {
            untouched.add("model registry (rollback model)");
        }
        untouched.add("feature pipeline (rollback features)");
        untouched.add("training data (rollback retrain)");
        Plan plan = new Plan(request.rollbackId(), model.isPresent() ? "model+infra" : "infra", service.name(),
                request.now(), request.by(), request.reason(), steps, untouched);
        return new InfraRollbackPlan(plan, Optional.of(state), Optional.of(change), checks,
                headline(state, change, model));
    }

    private Check gitOpsCheck(GitOpsOwner owner, InfraRollbackRequest request) {
        if (!owner.certain()) {
            return Check.warn("gitops", platform.describe() + " has the label app.kubernetes.io/instance, which Argo CD's "
                    + "label tracking uses: if " + owner.owner() + " manages it, its next sync puts the bad version "
                    + "back; pause it first ('" + owner.pause() + "')");
        }
        String what = platform.describe() + " is managed by " + owner.tool() + " (" + owner.owner()
                + "): its next sync puts the bad version back";
        if (request.force() && request.reasonGiven()) {
            return Check.warn("gitops", what + "; going ahead because of --force. Pause it ('" + owner.pause()
                    + "') and revert the release in git");
        }
        return Check.fail("gitops", what + ". Pause sync first ('" + owner.pause() + "'), then rerun with "
                + "--force --reason TEXT; revert the release in git before resuming sync");
    }

    /**
     * A revision that serves another model than the live one means this release changed the model too. The
     * runbook says model first, check metrics, then serving: a serving undo alone would also swap the model
     * behind the registry's back.
     */
    private Check modelCheck(ServingState state, InfraChange change, boolean both, String modelReference) {
        String now = state.modelReference();
        String then = change.targetModelReference();
        if (now.isEmpty() || then.isEmpty()) {
            return Check.warn("model", "the model reference of the target is not known here; check 'rollback status "
                    + service.name() + "' afterwards for drift");
        }
        if (both) {
            if (!modelReference.isEmpty() && !modelReference.equals(then)) {
                return Check.fail("model", "the target revision serves " + then + ", but the model target is "
                        + modelReference + "; pick the revision that serves it (--to-revision, see 'rollback infra "
                        + service.name() + " --history') or another --to");
            }
            return Check.pass("model", "the target revision serves " + then + ", the registry's target");
        }
        if (now.equals(then)) {
            return Check.pass("model", "the model stays " + now);
        }
        return Check.fail("model", "this release changed the model too (" + then + " → " + now + "). Runbook: roll "
                + "back the model first ('rollback model " + service.name() + " --to previous'), check the metrics, then "
                + "roll back serving if still needed (pick the revision with 'rollback infra " + service.name()
                + " --history'); or pass --both to do both in one plan");
    }

    private String headline(ServingState state, InfraChange change, Optional<ModelRollbackPlan> model) {
        String to = change.params().getOrDefault("toRevision", "");
        String revisions = state.revision().isEmpty() || to.isEmpty() ? change.action()
                : "revision " + state.revision() + " → " + to;
        return platform.describe() + " " + revisions + model.map(m -> ", model " + m.headline()).orElse("");
    }

    private InfraRollbackPlan refused(InfraRollbackRequest request, Optional<ServingState> state, List<Check> checks) {
        Plan plan = new Plan(request.rollbackId(), "infra", service.name(), request.now(), request.by(),
                request.reason(), List.of(), List.of());
        return new InfraRollbackPlan(plan, state, Optional.empty(), checks, platform.describe());
    }

    private static String blankAsUnknown(String s) {
        return s.isEmpty() ? "(unknown)" : s;
    }

    /** The registry's reference for the model target, as serving would name it. */
    public static String referenceOf(ModelRollbackPlan model, String template) {
        return model.to() == null ? "" : ModelRollbackPlanner.reference(template, model.to());
    }
}
