package dev.rollback.core.model;

import dev.rollback.core.plan.Step;
import dev.rollback.core.plan.StepContext;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.core.registry.ModelRegistry;
import dev.rollback.core.registry.ModelVersion;

import java.util.Map;

/** Legacy stage transition of one version (never archiving others implicitly); undo moves it back. */
public final class StageStep implements Step {

    static final String TYPE = "registry.stage";

    private final StepSpec spec;
    private final ModelRegistry registry;

    StageStep(StepSpec spec, ModelRegistry registry) {
        this.spec = spec;
        this.registry = registry;
    }

    public static StepSpec spec(String model, String version, String from, String to) {
        return new StepSpec(TYPE, "model", "stage of " + model + " v" + version, from, to,
                Map.of("model", model, "version", version));
    }

    @Override
    public StepSpec spec() {
        return spec;
    }

    @Override
    public String apply(StepContext context) {
        return transition(spec.after());
    }

    @Override
    public String compensate(StepContext context) {
        return transition(spec.before());
    }

    private String transition(String stage) {
        ModelVersion after = registry.transitionStage(spec.param("model"), spec.param("version"), stage, false);
        if (!stage.equalsIgnoreCase(after.stage())) {
            throw new IllegalStateException(spec.target() + " is " + after.stage() + " after moving it to " + stage);
        }
        return "v" + after.version() + " in stage " + after.stage();
    }
}
