package dev.rollback.core.retrain;

import dev.rollback.core.plan.Step;
import dev.rollback.core.plan.StepContext;
import dev.rollback.core.plan.StepFactory;
import dev.rollback.core.plan.StepSpec;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The retrain trigger step; every other step kind goes to {@code others}. The step's journaled result names
 * the run it started ({@link #runOf}), so the run can be followed again later from the journal alone.
 */
public final class RetrainSteps implements StepFactory {

    static final String TRIGGER = "ci.trigger";
    private static final Pattern STARTED = Pattern.compile("started (\\S+) run (\\S+)(?: (\\S+))?");

    private final Supplier<CiSystem> ci;
    private final StepFactory others;
    /** Triggers CI definitely refused in this process (401, 404, 422), by rollback id: nothing to undo for them. */
    private final Map<String, CiException> refused = new ConcurrentHashMap<>();

    /** @param ci built only when a trigger step is (other plans never need the CI token) */
    public RetrainSteps(Supplier<CiSystem> ci, StepFactory others) {
        this.ci = ci;
        this.others = others;
    }

    @Override
    public Step create(StepSpec spec) {
        return TRIGGER.equals(spec.type()) ? new TriggerStep(spec) : others.create(spec);
    }

    /** The run a trigger step's journaled result names. */
    public static Optional<PipelineRun> runOf(String appliedDetail) {
        Matcher m = appliedDetail == null ? null : STARTED.matcher(appliedDetail);
        return m != null && m.matches() ? Optional.of(new PipelineRun(m.group(1), m.group(2),
                m.group(3) == null ? "" : m.group(3))) : Optional.empty();
    }

    static String describe(PipelineRun run) {
        return "started " + run.system() + " run " + run.id() + (run.url().isEmpty() ? "" : " " + run.url());
    }

    private final class TriggerStep implements Step {

        private final StepSpec spec;

        TriggerStep(StepSpec spec) {
            this.spec = spec;
        }

        @Override
        public StepSpec spec() {
            return spec;
        }

        /**
         * Not idempotent, unlike every other step, and it cannot be: CI has no "trigger once" key. If the process
         * dies between the journal's intent and the answer, a resume triggers again; a duplicate retrain costs
         * CI time, while a missing one leaves the service on bad data, so that is the side to err on.
         */
        @Override
        public String apply(StepContext context) {
            RetrainParameters parameters = new RetrainParameters(spec.param("model"), spec.param("dataset"),
                    spec.param("ref"), true, context.rollbackId());
            try {
                return describe(ci.get().trigger(parameters));
            } catch (CiException e) {
                if (e.kind() != CiException.Kind.UNAVAILABLE) {
                    refused.put(context.rollbackId(), e);
                }
                throw e;
            }
        }

        /**
         * A trigger CI refused started nothing. Otherwise (CI unreachable mid-request, or an abort after a crash
         * between the intent and the answer) whether a run started is unknown: say how to find and cancel it
         * instead of claiming it was undone.
         */
        @Override
        public String compensate(StepContext context) {
            if (refused.containsKey(context.rollbackId())) {
                return "nothing started: CI refused the trigger";
            }
            throw new IllegalStateException("cannot tell whether the trigger reached CI; look in " + ci.get().describe()
                    + " for a run with " + RetrainParameters.ID + "=" + context.rollbackId() + " and cancel it there");
        }
    }
}
