package dev.rollback.core.model;

import dev.rollback.core.plan.Step;
import dev.rollback.core.plan.StepContext;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.core.registry.ModelRegistry;

import java.util.Map;
import java.util.Optional;

/** Moves the live alias to the target version; undo points it back (or removes it if it was unset). */
final class AliasStep implements Step {

    static final String TYPE = "registry.alias";
    static final String NONE = "(unset)";

    private final StepSpec spec;
    private final ModelRegistry registry;

    AliasStep(StepSpec spec, ModelRegistry registry) {
        this.spec = spec;
        this.registry = registry;
    }

    static StepSpec spec(String model, String alias, Optional<String> from, String to) {
        return new StepSpec(TYPE, "model", "alias '" + alias + "' of " + model, from.orElse(NONE), to,
                Map.of("model", model, "alias", alias));
    }

    @Override
    public StepSpec spec() {
        return spec;
    }

    @Override
    public String apply(StepContext context) {
        registry.setAlias(spec.param("model"), spec.param("alias"), spec.after());
        return confirm(spec.after());
    }

    @Override
    public String compensate(StepContext context) {
        if (NONE.equals(spec.before())) {
            registry.deleteAlias(spec.param("model"), spec.param("alias"));
        } else {
            registry.setAlias(spec.param("model"), spec.param("alias"), spec.before());
        }
        return confirm(spec.before());
    }

    /** Reads the alias back: a write the registry accepted but did not keep is a failure. */
    private String confirm(String expected) {
        String actual = registry.resolveAlias(spec.param("model"), spec.param("alias")).orElse(NONE);
        if (!actual.equals(expected)) {
            throw new IllegalStateException(spec.target() + " is " + actual + " after setting it to " + expected);
        }
        return "alias '" + spec.param("alias") + "' → " + actual;
    }
}
