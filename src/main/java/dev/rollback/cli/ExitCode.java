package dev.rollback.cli;

/** Every exit code the tool uses; the README's table is generated from the same list. */
public enum ExitCode {
    OK(0, "success"),
    INTERNAL(1, "unexpected internal error (a bug: rerun with --verbose and report it)"),
    USAGE(2, "bad command line: unknown option, missing argument, unknown service"),
    CONFIG(3, "configuration file missing or invalid"),
    NOT_FOUND(4, "not found: model, version or alias in the registry, serving object, commit, CI project or job"),
    UNAVAILABLE(5, "a system (registry, cluster, S3, git/DVC, CI) unreachable, timed out, rate-limited or failing"),
    AUTH(6, "authentication failed or permission denied"),
    REFUSED(7, "refused before changing anything: a preflight check failed, or no confirmation (--yes)"),
    REVERTED(8, "a step failed and every change was undone: the system is as it was"),
    NEEDS_ATTENTION(9, "a step failed and could not be fully undone, or the run was interrupted: resume or abort it"),
    WARNINGS(10, "status found problems (warnings printed); nothing is broken in the tool"),
    LOCKED(11, "another rollback of the service holds its lock"),
    PIPELINE_FAILED(12, "retrain --wait: the CI run failed, was cancelled, or did not finish within --timeout"),
    INVESTIGATE_FIRST(13, "decide: a soft signal breached (model quality): investigate before rolling back"),
    ROLLBACK_IMMEDIATELY(14, "decide: a hard signal breached (revenue, errors, latency): roll back now"),
    NOT_RECOVERED(15, "the rollback ran but the metrics did not recover within the verification window"),
    DRILL_FAILED(16, "drill: over its MTTR budget, a phase failed, or the original state was not restored exactly");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
