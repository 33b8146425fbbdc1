package dev.rollback.adapters.ci;

import dev.rollback.adapters.RetryAfter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * When a CI request is tried again, and after how long. A trigger is a POST that starts a pipeline:
 * repeating it after the server may have acted on it could start two. So:
 * <ul>
 *   <li>at most {@value #MAX_ATTEMPTS} attempts; between them the server's wait (Retry-After in seconds
 *       or as an HTTP-date; or, when a rate limit is exhausted, its reset time), else 1 s, 2 s, 4 s;</li>
 *   <li>a server wait over {@link #MAX_WAIT} is not waited for at all: the call fails at once, saying when
 *       to try again (waiting a minute just to be refused again helps nobody during an incident);</li>
 *   <li>every method: 429 (and 403 carrying Retry-After or an exhausted rate limit, as GitHub's secondary
 *       limits do), 502, 503, 504, connection refused and connect timeouts: the request was not acted on;</li>
 *   <li>GET only: also 500, request timeouts and broken connections: the POST may have been acted on;</li>
 *   <li>never: other statuses, unknown hosts, TLS failures (configuration problems: say so now).</li>
 * </ul>
 */
public final class RetryPolicy {

    public static final int MAX_ATTEMPTS = 4;
    public static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    public static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private RetryPolicy() {
    }

    /** The wait after failed attempt {@code attempt} (1-based) when the server names none. */
    public static Duration backoff(int attempt) {
        return BACKOFF.get(Math.min(attempt, BACKOFF.size()) - 1);
    }

    public static boolean retriesStatus(boolean idempotent, int status, HttpHeaders headers) {
        if (isThrottle(status, headers)) {
            return true;
        }
        return status == 502 || status == 503 || status == 504 || (idempotent && status == 500);
    }

    /** 429, or a 403 that is a rate limit rather than a refusal. */
    public static boolean isThrottle(int status, HttpHeaders headers) {
        return status == 429 || (status == 403 && (headers.firstValue("Retry-After").isPresent() || rateLimitExhausted(headers)));
    }

    public static boolean retriesFailure(boolean idempotent, IOException failure) {
        if (unresolvedHost(failure) || failure instanceof SSLException) {
            return false;
        }
        if (failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException) {
            return true;
        }
        return idempotent;
    }

    public static boolean unresolvedHost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** How long the server asks us to wait: Retry-After (seconds or HTTP-date), else an exhausted limit's reset. */
    public static Optional<Duration> serverWait(HttpHeaders headers, Clock clock) {
        Optional<String> retryAfter = headers.firstValue("Retry-After").map(String::strip);
        if (retryAfter.isPresent()) {
            return RetryAfter.parse(retryAfter.get(), clock);
        }
        if (rateLimitExhausted(headers)) {
            return firstOf(headers, "x-ratelimit-reset", "ratelimit-reset").flatMap(RetryPolicy::epochSeconds)
                    .map(reset -> nonNegative(Duration.between(clock.instant(), reset)));
        }
        return Optional.empty();
    }

    private static boolean rateLimitExhausted(HttpHeaders headers) {
        return firstOf(headers, "x-ratelimit-remaining", "ratelimit-remaining").map(String::strip).filter("0"::equals).isPresent();
    }

    private static Optional<String> firstOf(HttpHeaders headers, String... names) {
        for (String name : names) {
            Optional<String> value = headers.firstValue(name);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private static Optional<Instant> epochSeconds(String value) {
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** A short name for a transport failure, for messages: "connection refused", "timed out". */
    public static String describe(IOException failure, Duration timeout) {
        if (unresolvedHost(failure)) {
            return "unknown host";
        }
        if (failure instanceof HttpConnectTimeoutException) {
            return "could not connect within " + timeout.toSeconds() + " s";
        }
        if (failure instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toSeconds() + " s";
        }
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        if (failure instanceof SSLException) {
            return "TLS failure: " + failure.getClass().getSimpleName();
        }
        return "connection failed: " + failure.getClass().getSimpleName();
    }
}
