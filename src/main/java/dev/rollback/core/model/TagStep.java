package dev.rollback.core.model;

import dev.rollback.core.plan.Step;
import dev.rollback.core.plan.StepContext;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.core.registry.ModelRegistry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sets or deletes one version tag, whatever its key; undo puts the previous value back, or deletes the tag if it
 * was not set. Used to put a registry back exactly as it was (a drill's restore), where {@link AuditTagsStep}
 * writes this tool's own audit trail.
 * <p>
 * "Not set" lives in the params (the {@code before}/{@code after} keys are simply absent), never as a sentinel
 * value, so any real value, even "(none)", is written back as it was.
 */
public final class TagStep implements Step {

    public static final String TYPE = "registry.tag";
    /** How an unset tag is shown in plans; never written. */
    public static final String UNSET = "(none)";
    private static final String BEFORE = "before";
    private static final String AFTER = "after";

    private final StepSpec spec;
    private final ModelRegistry registry;

    TagStep(StepSpec spec, ModelRegistry registry) {
        this.spec = spec;
        this.registry = registry;
    }

    /** Changes tag {@code key} of the version from {@code from} to {@code to}; empty means not set. */
    public static StepSpec spec(String model, String version, String key, Optional<String> from, Optional<String> to) {
        Map<String, String> params = new HashMap<>(Map.of("model", model, "version", version, "key", key));
        from.ifPresent(value -> params.put(BEFORE, value));
        to.ifPresent(value -> params.put(AFTER, value));
        return new StepSpec(TYPE, "model", "tag '" + key + "' of " + model + " v" + version, from.orElse(UNSET),
                to.orElse(UNSET), params);
    }

    @Override
    public StepSpec spec() {
        return spec;
    }

    @Override
    public String apply(StepContext context) {
        return write(value(AFTER));
    }

    @Override
    public String compensate(StepContext context) {
        return write(value(BEFORE));
    }

    private Optional<String> value(String which) {
        return Optional.ofNullable(spec.params().get(which));
    }

    /** Both writes are idempotent in MLflow (set overwrites, delete of a missing tag is a no-op): safe to repeat. */
    private String write(Optional<String> wanted) {
        String model = spec.param("model");
        String version = spec.param("version");
        String key = spec.param("key");
        if (wanted.isPresent()) {
            registry.setVersionTag(model, version, key, wanted.get());
        } else {
            registry.deleteVersionTag(model, version, key);
        }
        return confirm(wanted);
    }

    /** Reads the tag back: a write the registry accepted but did not keep is a failure. */
    private String confirm(Optional<String> expected) {
        Optional<String> actual = registry.findVersion(spec.param("model"), spec.param("version"))
                .orElseThrow(() -> new IllegalStateException(spec.target() + ": the version no longer exists"))
                .tag(spec.param("key"));
        if (!actual.equals(expected)) {
            throw new IllegalStateException(spec.target() + " is " + actual.orElse(UNSET) + " after setting it to "
                    + expected.orElse(UNSET));
        }
        return spec.param("key") + " = " + actual.orElse(UNSET);
    }
}
