package dev.rollback.adapters.metrics.prometheus;

import dev.rollback.core.metrics.MetricsException;
import dev.rollback.core.metrics.MetricsException.Kind;

import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Turns Prometheus's refusals and silences into one-line {@link MetricsException}s that say what is wrong and
 * what to do. Every message passes through {@link #redact} first: text that came from the server (its error, a
 * redirect target) could in principle echo the Authorization value, and no message may hold it.
 */
final class PrometheusErrors {

    private static final int MAX_SERVER_TEXT = 400;

    private final String location;
    private final Duration timeout;
    private final Optional<AuthorizationHeader> authorization;

    /** @param authorization the header sent with every request, if any: for hints, and to keep it out of messages */
    PrometheusErrors(String location, Duration timeout, Optional<AuthorizationHeader> authorization) {
        this.location = location;
        this.timeout = timeout;
        this.authorization = authorization;
    }

    MetricsException refused(int attempts, Throwable cause) {
        if (unresolved(cause)) {
            return fail(Kind.UNAVAILABLE, "cannot reach Prometheus at " + location + ": unknown host; check metrics.prometheus",
                    cause);
        }
        return fail(Kind.UNAVAILABLE, "cannot reach Prometheus at " + location + ": connection refused (" + attempts
                + " attempts); check metrics.prometheus and that Prometheus is running", cause);
    }

    MetricsException connectTimedOut(Duration connectTimeout, Throwable cause) {
        return fail(Kind.UNAVAILABLE, "cannot reach Prometheus at " + location + ": no connection within "
                + seconds(connectTimeout) + "; check metrics.prometheus and the network path to it", cause);
    }

    MetricsException timedOut(Throwable cause) {
        return fail(Kind.UNAVAILABLE, "Prometheus at " + location + " did not answer within " + seconds(timeout)
                + " (metrics.timeout); it may be overloaded, or the query too expensive", cause);
    }

    MetricsException transport(Throwable cause) {
        return fail(Kind.UNAVAILABLE, "cannot talk to Prometheus at " + location + ": " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + oneLine(cause.getMessage())), cause);
    }

    MetricsException interrupted() {
        Thread.currentThread().interrupt();
        return fail(Kind.UNAVAILABLE, "interrupted while querying Prometheus at " + location, null);
    }

    MetricsException unauthorized(int status) {
        String fix = authorization.map(a -> "check the Authorization value in " + a.source()
                        + (a.value().contains(" ") ? "" : "; it is sent verbatim, so it needs its scheme, like 'Bearer <token>'"))
                .orElse("it needs an Authorization header: name the variable holding it with metrics.authorizationEnv"
                        + " (or a file with metrics.authorizationFile)");
        return fail(Kind.AUTH, "Prometheus at " + location + " refused the request (" + status + "): " + fix, null);
    }

    /** Prometheus's own errorType "bad_data": the query (or a parameter) is wrong. */
    MetricsException badQuery(String query, String error) {
        return fail(Kind.BAD_QUERY, "Prometheus rejected the query '" + oneLine(query) + "': " + serverText(error)
                + "; fix it in metrics.queries", null);
    }

    /** Prometheus's other errorTypes (timeout, execution, canceled, internal, unavailable): try again later. */
    MetricsException serverFailed(int status, String errorType, String error, String query) {
        return fail(Kind.UNAVAILABLE, "Prometheus at " + location + " could not run the query '" + oneLine(query) + "' ("
                + status + " " + errorType + "): " + serverText(error), null);
    }

    MetricsException notFound(String path) {
        return fail(Kind.UNAVAILABLE, "no Prometheus API at " + location + path + " (404); if Prometheus runs under a path"
                + " prefix, include it in metrics.prometheus (like http://host/prometheus)", null);
    }

    MetricsException redirected(int status, Optional<String> target) {
        String to = target.map(PrometheusErrors::withoutQuery).map(t -> " to " + t).orElse("");
        return fail(Kind.UNAVAILABLE, "Prometheus at " + location + " answered " + status + " (redirect" + to + "); redirects"
                + " are not followed so the Authorization header stays put: set metrics.prometheus to the address the"
                + " API answers on", null);
    }

    MetricsException status(int status, int attempts) {
        return fail(Kind.UNAVAILABLE, "Prometheus at " + location + " answered " + status
                + (attempts > 1 ? " (" + attempts + " attempts)" : "") + "; check that it is up, then try again", null);
    }

    MetricsException notPrometheus(int status) {
        return fail(Kind.UNAVAILABLE, "Prometheus at " + location + " answered " + status + " without the API's JSON;"
                + " check that metrics.prometheus points at Prometheus (with its path prefix), not a proxy or login page",
                null);
    }

    MetricsException unexpected(String what) {
        return fail(Kind.UNAVAILABLE, "Prometheus at " + location + " answered in an unexpected shape (" + what
                + "); is it a Prometheus-compatible API?", null);
    }

    /** More than one series where one number was asked for. */
    MetricsException ambiguous(String query, int count, List<String> someLabels) {
        return fail(Kind.AMBIGUOUS, "the query '" + oneLine(query) + "' returns " + count + " series ("
                + String.join(", ", someLabels) + (count > someLabels.size() ? ", ..." : "") + "), not one number;"
                + " aggregate it in metrics.queries, e.g. sum(...) or max(...)", null);
    }

    MetricsException notANumber(String query, String resultType) {
        String fix = "matrix".equals(resultType)
                ? "a range selector like x[5m] needs a function around it, e.g. avg_over_time(x[5m])"
                : "the query must yield a number";
        return fail(Kind.BAD_QUERY, "the query '" + oneLine(query) + "' yields a " + resultType + ", not a number: " + fix,
                null);
    }

    /** {@code text} with the Authorization value, and its credential part alone, replaced by "***". */
    String redact(String text) {
        if (authorization.isEmpty()) {
            return text;
        }
        String value = authorization.get().value();
        String result = text.replace(value, "***");
        int space = value.indexOf(' ');
        String credential = space < 0 ? "" : value.substring(space + 1).strip();
        return credential.length() >= 4 ? result.replace(credential, "***") : result;
    }

    private MetricsException fail(Kind kind, String message, Throwable cause) {
        // A cause (kept for --verbose) is only ever a JDK transport exception, whose text never quotes a header.
        return new MetricsException(kind, redact(message), cause);
    }

    private static String serverText(String text) {
        String line = oneLine(text == null ? "" : text);
        return line.length() > MAX_SERVER_TEXT ? line.substring(0, MAX_SERVER_TEXT) + "..." : line;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static boolean unresolved(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static String withoutQuery(String target) {
        try {
            URI uri = URI.create(target);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (Exception e) {
            return "elsewhere";
        }
    }
}
