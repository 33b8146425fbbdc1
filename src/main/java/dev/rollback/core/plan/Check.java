package dev.rollback.core.plan;

/** One preflight check: passed, or the reason it refuses the rollback (or a warning that does not). */
public record Check(String name, Result result, String message) {

    public enum Result {
        PASS, WARN, FAIL
    }

    public static Check pass(String name, String message) {
        return new Check(name, Result.PASS, message);
    }

    public static Check warn(String name, String message) {
        return new Check(name, Result.WARN, message);
    }

    public static Check fail(String name, String message) {
        return new Check(name, Result.FAIL, message);
    }
}
