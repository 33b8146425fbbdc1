package dev.rollback.core.features;

import dev.rollback.core.plan.Step;
import dev.rollback.core.plan.StepContext;
import dev.rollback.core.plan.StepFactory;
import dev.rollback.core.plan.StepSpec;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The feature-pipeline steps (commit the restore on a rollback branch, check it out with its DVC data,
 * push it) and their undo; every other step kind goes to {@code others}, so any journal can be resumed.
 */
public final class FeatureSteps implements StepFactory {

    static final String COMMIT = "features.commit";
    static final String CHECKOUT = "features.checkout";
    static final String PUSH = "features.push";

    private final Supplier<FeaturePipeline> pipeline;
    private final StepFactory others;

    /** @param pipeline opened only when a feature step is built (other plans never touch the repository) */
    public FeatureSteps(Supplier<FeaturePipeline> pipeline, StepFactory others) {
        this.pipeline = pipeline;
        this.others = others;
    }

    static StepSpec commitSpec(String branch, String original, String base, Commit to,
            String message) {
        return new StepSpec(COMMIT, "features", "branch " + branch, "absent", "a commit on " + original + "@"
                + shortId(base) + " restoring the pipeline paths of " + to.shortId(),
                Map.of("branch", branch, "base", base, "target", to.id(), "message", message));
    }

    static StepSpec checkoutSpec(FeaturePipeline pipeline, String branch, String original, int dataChanges) {
        return new StepSpec(CHECKOUT, "features", "checked-out branch of " + pipeline.describe() + " and its DVC outputs ("
                + dataChanges + (dataChanges == 1 ? " change)" : " changes)"), original, branch,
                Map.of("branch", branch, "original", original));
    }

    static StepSpec pushSpec(String branch) {
        return new StepSpec(PUSH, "features", "git remote: branch " + branch, "absent", "pushed",
                Map.of("branch", branch));
    }

    @Override
    public Step create(StepSpec spec) {
        return switch (spec.type()) {
            case COMMIT -> new PipelineStep(spec,
                    p -> "commit " + shortId(p.commitRestore(spec.param("branch"), spec.param("base"),
                            spec.param("target"), spec.param("message"))) + " on " + spec.param("branch"),
                    p -> {
                        p.deleteBranch(spec.param("branch"));
                        return "branch " + spec.param("branch") + " deleted";
                    });
            case CHECKOUT -> new PipelineStep(spec, p -> p.checkout(spec.param("branch")),
                    p -> p.checkout(spec.param("original")));
            case PUSH -> new PipelineStep(spec,
                    p -> {
                        p.push(spec.param("branch"));
                        return "pushed " + spec.param("branch");
                    },
                    p -> {
                        p.deleteRemoteBranch(spec.param("branch"));
                        return "deleted " + spec.param("branch") + " on the remote";
                    });
            default -> others.create(spec);
        };
    }

    private static String shortId(String id) {
        return id.length() > 9 ? id.substring(0, 9) : id;
    }

    /** One step's two directions over the pipeline repository. */
    private final class PipelineStep implements Step {

        private final StepSpec spec;
        private final java.util.function.Function<FeaturePipeline, String> apply;
        private final java.util.function.Function<FeaturePipeline, String> undo;

        PipelineStep(StepSpec spec, java.util.function.Function<FeaturePipeline, String> apply,
                java.util.function.Function<FeaturePipeline, String> undo) {
            this.spec = spec;
            this.apply = apply;
            this.undo = undo;
        }

        @Override
        public StepSpec spec() {
            return spec;
        }

        @Override
        public String apply(StepContext context) {
            return apply.apply(pipeline.get());
        }

        @Override
        public String compensate(StepContext context) {
            return undo.apply(pipeline.get());
        }
    }
}
