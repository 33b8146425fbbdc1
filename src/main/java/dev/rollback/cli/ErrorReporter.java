package dev.rollback.cli;

import dev.rollback.config.ConfigException;
import dev.rollback.config.ConfigProblem;
import dev.rollback.core.registry.RegistryException;

import java.io.PrintWriter;

/**
 * Turns any failure into one clear line on stderr (a config file may add one line per problem) and
 * a documented exit code. Stack traces only with {@code --verbose}.
 */
final class ErrorReporter {

    private ErrorReporter() {
    }

    static ExitCode report(Throwable failure, CliContext context) {
        PrintWriter err = context.err();
        ExitCode code = exitCodeOf(failure);
        if (failure instanceof ConfigException config) {
            err.println("rollback: invalid configuration (" + config.problems().size()
                    + (config.problems().size() == 1 ? " problem):" : " problems):"));
            for (ConfigProblem problem : config.problems()) {
                err.println("  " + problem);
            }
        } else if (code == ExitCode.INTERNAL) {
            err.println("rollback: internal error: " + failure + " (rerun with --verbose and report it)");
        } else {
            err.println("rollback: " + describe(failure) + hint(failure, context));
        }
        if (context.verbose()) {
            failure.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** What to check next when the registry cannot be reached: the server, or the URI in the config. */
    private static String hint(Throwable failure, CliContext context) {
        if (failure instanceof RegistryException registry
                && (registry.kind() == RegistryException.Kind.UNREACHABLE
                        || registry.kind() == RegistryException.Kind.TIMEOUT)) {
            return context.configSource().map(file -> " Is the server up, and is trackingUri in " + file + " right?")
                    .orElse("");
        }
        return "";
    }

    /** The one-line description used for a failure shown beside other results. */
    static String describe(Throwable failure) {
        return exitCodeOf(failure) == ExitCode.INTERNAL ? "internal error: " + failure : failure.getMessage();
    }

    static ExitCode exitCodeOf(Throwable failure) {
        if (failure instanceof CliException cli) {
            return cli.exitCode();
        }
        if (failure instanceof ConfigException) {
            return ExitCode.CONFIG;
        }
        if (failure instanceof RegistryException registry) {
            return switch (registry.kind()) {
                case NOT_FOUND -> ExitCode.NOT_FOUND;
                case UNAUTHENTICATED, PERMISSION_DENIED -> ExitCode.AUTH;
                case UNREACHABLE, TIMEOUT, RATE_LIMITED, SERVER_ERROR, INVALID_REQUEST, CONFLICT -> ExitCode.UNAVAILABLE;
            };
        }
        if (failure instanceof dev.rollback.core.Refusal) {
            return ExitCode.REFUSED;
        }
        if (failure instanceof dev.rollback.core.lock.LockHeldException) {
            return ExitCode.LOCKED;
        }
        if (failure instanceof dev.rollback.core.serving.ServingException serving) {
            return switch (serving.kind()) {
                case NOT_FOUND -> ExitCode.NOT_FOUND;
                case FORBIDDEN -> ExitCode.AUTH;
                case UNREACHABLE, CONFLICT, REJECTED -> ExitCode.UNAVAILABLE;
            };
        }
        if (failure instanceof dev.rollback.core.features.FeatureRepoException repo) {
            return switch (repo.kind()) {
                case TOOL_MISSING -> ExitCode.CONFIG;
                case NOT_FOUND -> ExitCode.NOT_FOUND;
                case FAILED, DATA_MISSING -> ExitCode.UNAVAILABLE;
            };
        }
        if (failure instanceof dev.rollback.core.retrain.CiException ci) {
            return switch (ci.kind()) {
                case AUTH -> ExitCode.AUTH;
                case NOT_FOUND -> ExitCode.NOT_FOUND;
                case REJECTED -> ExitCode.REFUSED;
                case UNAVAILABLE -> ExitCode.UNAVAILABLE;
            };
        }
        if (failure instanceof dev.rollback.core.metrics.MetricsException metrics) {
            return switch (metrics.kind()) {
                case AUTH -> ExitCode.AUTH;
                case BAD_QUERY, AMBIGUOUS -> ExitCode.CONFIG; // the query in rollback.yaml must change
                case UNAVAILABLE -> ExitCode.UNAVAILABLE;
            };
        }
        if (failure instanceof dev.rollback.adapters.kubernetes.KubernetesConfigException) {
            return ExitCode.CONFIG;
        }
        if (failure instanceof dev.rollback.core.artifacts.ArtifactStoreException
                || failure instanceof dev.rollback.adapters.lock.kubernetes.LockUnavailableException
                || failure instanceof java.io.UncheckedIOException) {
            return ExitCode.UNAVAILABLE;
        }
        return ExitCode.INTERNAL;
    }
}
