package dev.rollback.adapters.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The retry rules on their own: which statuses and failures, for which methods, and how long to wait. */
class RetryPolicyTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final HttpHeaders NONE = headers(Map.of());

    private static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (a, b) -> true);
    }

    @ParameterizedTest(name = "{0} → GET {1}, POST {2}")
    @CsvSource({"429, true, true", "502, true, true", "503, true, true", "504, true, true", "500, true, false",
            "501, false, false", "400, false, false", "401, false, false", "403, false, false", "404, false, false",
            "409, false, false", "422, false, false"})
    void retriesOnlyStatusesThatCannotHaveStartedAPipelineForPosts(int status, boolean get, boolean post) {
        assertThat(RetryPolicy.retriesStatus(true, status, NONE)).isEqualTo(get);
        assertThat(RetryPolicy.retriesStatus(false, status, NONE)).isEqualTo(post);
    }

    @Test
    void a403IsARateLimitOnlyWithRetryAfterOrAnExhaustedLimit() {
        assertThat(RetryPolicy.retriesStatus(false, 403, headers(Map.of("Retry-After", List.of("5"))))).isTrue();
        assertThat(RetryPolicy.retriesStatus(false, 403, headers(Map.of("x-ratelimit-remaining", List.of("0"))))).isTrue();
        assertThat(RetryPolicy.retriesStatus(false, 403, headers(Map.of("x-ratelimit-remaining", List.of("12"))))).isFalse();
    }

    @Test
    void connectFailuresAreRetriedForEveryMethodButTimeoutsAndResetsOnlyForReads() {
        assertThat(RetryPolicy.retriesFailure(false, new ConnectException("refused"))).isTrue();
        assertThat(RetryPolicy.retriesFailure(false, new HttpConnectTimeoutException("connect"))).isTrue();
        assertThat(RetryPolicy.retriesFailure(false, new HttpTimeoutException("request"))).isFalse();
        assertThat(RetryPolicy.retriesFailure(true, new HttpTimeoutException("request"))).isTrue();
        assertThat(RetryPolicy.retriesFailure(false, new IOException("connection reset"))).isFalse();
        assertThat(RetryPolicy.retriesFailure(true, new IOException("connection reset"))).isTrue();
    }

    @Test
    void unknownHostsAndTlsFailuresAreNeverRetried() {
        ConnectException unresolved = new ConnectException("unresolved");
        unresolved.initCause(new UnresolvedAddressException());
        assertThat(RetryPolicy.retriesFailure(true, unresolved)).isFalse();
        assertThat(RetryPolicy.retriesFailure(true, new SSLHandshakeException("bad cert"))).isFalse();
    }

    @Test
    void backoffIsOneTwoFourSeconds() {
        assertThat(List.of(RetryPolicy.backoff(1), RetryPolicy.backoff(2), RetryPolicy.backoff(3)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(RetryPolicy.MAX_ATTEMPTS).isEqualTo(4);
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertThat(RetryPolicy.serverWait(headers(Map.of("Retry-After", List.of(" 17 "))), CLOCK)).hasValue(Duration.ofSeconds(17));
        assertThat(RetryPolicy.serverWait(headers(Map.of("Retry-After", List.of("Wed, 02 Jan 2030 03:04:50 GMT"))), CLOCK))
                .hasValue(Duration.ofSeconds(45));
    }

    @Test
    void aPastDateMeansNoWaitAndGarbageMeansTheBackoff() {
        assertThat(RetryPolicy.serverWait(headers(Map.of("Retry-After", List.of("Tue, 01 Jan 2030 00:00:00 GMT"))), CLOCK))
                .hasValue(Duration.ZERO);
        assertThat(RetryPolicy.serverWait(headers(Map.of("Retry-After", List.of("soon"))), CLOCK)).isEmpty();
        assertThat(RetryPolicy.serverWait(NONE, CLOCK)).isEmpty();
    }

    @Test
    void anExhaustedRateLimitWaitsUntilItsReset() {
        long reset = CLOCK.instant().plusSeconds(25).getEpochSecond();
        HttpHeaders exhausted = headers(Map.of("x-ratelimit-remaining", List.of("0"), "x-ratelimit-reset", List.of(Long.toString(reset))));
        assertThat(RetryPolicy.serverWait(exhausted, CLOCK)).hasValue(Duration.ofSeconds(25));
        HttpHeaders notExhausted = headers(Map.of("x-ratelimit-remaining", List.of("3"), "x-ratelimit-reset", List.of(Long.toString(reset))));
        assertThat(RetryPolicy.serverWait(notExhausted, CLOCK)).isEmpty();
    }
}
