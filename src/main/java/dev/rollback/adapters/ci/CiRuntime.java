package dev.rollback.adapters.ci;

import dev.rollback.core.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What every CI adapter shares at run time: one HTTP client, how long a request may take, how to wait
 * between attempts, and the clock (for Retry-After dates and for finding a dispatched GitHub run).
 */
public record CiRuntime(HttpClient client, Duration requestTimeout, Sleeper sleeper, Clock clock) {

    /** Connect and request timeout: long enough for a slow CI API, short enough for an incident. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    public CiRuntime {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
    }

    /** HTTP/1.1, 10 s timeouts, redirects NOT followed (a redirect must not carry our token elsewhere). */
    public static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    /** The production runtime: real waits, system clock. */
    public static CiRuntime standard() {
        return new CiRuntime(newClient(TIMEOUT), TIMEOUT, Sleeper.REAL, Clock.systemUTC());
    }
}
