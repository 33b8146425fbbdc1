package dev.rollback.core.model;

import dev.rollback.core.plan.Step;
import dev.rollback.core.plan.StepContext;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.core.registry.ModelRegistry;

import java.util.Map;
import java.util.Optional;

/** Moves the live alias to the target version; undo points it back (or removes it if it was unset). */
public final class AliasStep implements Step {

    static final String TYPE = "registry.alias";
    static final String NONE = "(unset)";

    private final StepSpec spec;
    private final ModelRegistry registry;

    AliasStep(StepSpec spec, ModelRegistry registry) {
        this.spec = spec;
        this.registry = registry;
    }

    /** @param to the version, or empty to remove the alias (a drill's restore of an alias it created) */
    public static StepSpec spec(String model, String alias, Optional<String> from, Optional<String> to) {
        return new StepSpec(TYPE, "model", "alias '" + alias + "' of " + model, from.orElse(NONE), to.orElse(NONE),
                Map.of("model", model, "alias", alias));
    }

    static StepSpec spec(String model, String alias, Optional<String> from, String to) {
        return spec(model, alias, from, Optional.of(to));
    }

    @Override
    public StepSpec spec() {
        return spec;
    }

    @Override
    public String apply(StepContext context) {
        return point(spec.after());
    }

    @Override
    public String compensate(StepContext context) {
        return point(spec.before());
    }

    /** Sets the alias to the version, or removes it for {@link #NONE}; then reads it back. */
    private String point(String version) {
        if (NONE.equals(version)) {
            registry.deleteAlias(spec.param("model"), spec.param("alias"));
        } else {
            registry.setAlias(spec.param("model"), spec.param("alias"), version);
        }
        return confirm(version);
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
