package dev.rollback.core.model;

import dev.rollback.core.plan.Step;
import dev.rollback.core.plan.StepFactory;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.core.registry.ModelRegistry;
import dev.rollback.core.serving.RolloutStep;
import dev.rollback.core.serving.ServingBinding;

import java.util.Optional;

/** Builds the model-rollback steps from their specs, bound to this run's adapters. */
public final class ModelSteps implements StepFactory {

    /** The step type that re-points serving; its undo also waits for the rollout back. */
    public static final String SERVING_REFERENCE_TYPE = ServingReferenceStep.TYPE;

    /** The step type that writes the rollback's audit tags (a drill's deploy leaves it out). */
    public static final String AUDIT_TAGS_TYPE = AuditTagsStep.TYPE;

    private final ModelRegistry registry;
    private final Optional<ServingBinding> serving;

    public ModelSteps(ModelRegistry registry, Optional<ServingBinding> serving) {
        this.registry = registry;
        this.serving = serving;
    }

    @Override
    public Step create(StepSpec spec) {
        return switch (spec.type()) {
            case AliasStep.TYPE -> new AliasStep(spec, registry);
            case StageStep.TYPE -> new StageStep(spec, registry);
            case AuditTagsStep.TYPE -> new AuditTagsStep(spec, registry);
            case TagStep.TYPE -> new TagStep(spec, registry);
            case ServingReferenceStep.TYPE -> new ServingReferenceStep(spec, servingFor(spec));
            case RolloutStep.TYPE -> new RolloutStep(spec, servingFor(spec));
            default -> throw new IllegalArgumentException("unknown step type " + spec.type());
        };
    }

    private ServingBinding servingFor(StepSpec spec) {
        return serving.orElseThrow(() -> new IllegalStateException(
                "step '" + spec.target() + "' needs the serving configuration, which is missing"));
    }
}
