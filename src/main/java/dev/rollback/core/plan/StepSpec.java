package dev.rollback.core.plan;

import java.util.Map;

/**
 * One planned change, as data: what kind of step, its parameters, and the value before and after.
 * Specs are what the journal stores, so a step can be rebuilt after a crash for resume or abort.
 *
 * @param type   the step kind, e.g. {@code registry.alias}; see {@link StepFactory}
 * @param layer  model | serving | audit: which part of the system it touches
 * @param target what it changes, for people: "alias champion of homepage-recsys"
 */
public record StepSpec(String type, String layer, String target, String before, String after,
        Map<String, String> params) {

    public StepSpec {
        params = Map.copyOf(params);
    }

    public String param(String key) {
        String value = params.get(key);
        if (value == null) {
            throw new IllegalStateException("step " + type + " lacks parameter " + key);
        }
        return value;
    }

    /** "alias champion of homepage-recsys: 7 → 5". */
    public String describe() {
        return target + ": " + before + " → " + after;
    }
}
