package dev.rollback.adapters.metrics.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.core.metrics.MetricsException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One GET against Prometheus's HTTP API v1, answered with the {@code data} of a {@code "status":"success"} reply or
 * a one-line {@link MetricsException} (see {@link PrometheusErrors}).
 *
 * <p>At most one retry, and only for a refused connection or a 503 that is not Prometheus's own query timeout:
 * those are the blips of a Prometheus restarting or a load balancer between backends, gone a moment later. Anything
 * more would hold up the on-call engineer waiting for a verdict, and {@code watch} and verification poll again on
 * their next tick anyway. A query that timed out is not retried: it would time out again, at twice the cost.
 */
final class PrometheusHttp {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration RETRY_PAUSE = Duration.ofMillis(250);
    private static final int MAX_ATTEMPTS = 2;
    /** Exact decimals, so "1795442940.123" stays 123 ms and not 122.99. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final HttpClient client;
    private final String base;
    private final Optional<String> authorization;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final PrometheusErrors errors;
    private final AtomicLong requests = new AtomicLong();

    /** @param base the API's base URL without a trailing slash, path prefix included */
    PrometheusHttp(String base, Optional<String> authorization, Duration timeout, PrometheusErrors errors) {
        this.base = base;
        this.authorization = authorization;
        this.timeout = timeout;
        this.errors = errors;
        this.connectTimeout = timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** HTTP round trips so far, retries included. */
    long requests() {
        return requests.get();
    }

    /**
     * @param path   "/api/v1/query"
     * @param query  the PromQL, also a parameter; named separately for messages
     * @param params the other parameters, in order (time, start, end, step)
     */
    JsonNode get(String path, String query, Map<String, String> params) {
        HttpRequest request = request(path, query, params);
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= MAX_ATTEMPTS;
            HttpResponse<String> response;
            try {
                requests.incrementAndGet();
                response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpConnectTimeoutException e) {
                throw errors.connectTimedOut(connectTimeout, e);
            } catch (HttpTimeoutException e) {
                throw errors.timedOut(e);
            } catch (ConnectException e) {
                if (last) {
                    throw errors.refused(attempt, e);
                }
                pause();
                continue;
            } catch (IOException e) {
                throw errors.transport(e);
            } catch (InterruptedException e) {
                throw errors.interrupted();
            }
            Optional<JsonNode> json = parse(response.body());
            if (response.statusCode() == 503 && !last && !isQueryTimeout(json)) {
                pause();
                continue;
            }
            return answer(response, json, path, query, attempt);
        }
    }

    private JsonNode answer(HttpResponse<String> response, Optional<JsonNode> json, String path, String query,
            int attempts) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            JsonNode body = json.orElseThrow(() -> errors.notPrometheus(status));
            if (!"success".equals(body.path("status").asText()) || !body.path("data").isObject()) {
                throw errors.unexpected("no data with status " + body.path("status").asText("(none)"));
            }
            return body.get("data");
        }
        if (status == 401 || status == 403) {
            throw errors.unauthorized(status);
        }
        Optional<JsonNode> apiError = json.filter(b -> "error".equals(b.path("status").asText()));
        if (apiError.isPresent()) {
            String errorType = apiError.get().path("errorType").asText("");
            String error = apiError.get().path("error").asText("");
            throw "bad_data".equals(errorType)
                    ? errors.badQuery(query, error)
                    : errors.serverFailed(status, errorType, error, query);
        }
        if (status == 404) {
            throw errors.notFound(path);
        }
        if (status >= 300 && status < 400) {
            throw errors.redirected(status, response.headers().firstValue("Location"));
        }
        throw errors.status(status, attempts);
    }

    private HttpRequest request(String path, String query, Map<String, String> params) {
        StringJoiner encoded = new StringJoiner("&");
        encoded.add("query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        params.forEach((k, v) -> encoded.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        // Prometheus stops evaluating at its own timeout too, so a slow query does not keep loading it after we left.
        encoded.add("timeout=" + PrometheusValues.seconds(timeout));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path + "?" + encoded)).timeout(timeout)
                .header("Accept", "application/json").GET();
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    /** Prometheus answers 503 with errorType "timeout" when the query itself ran out of time. */
    private static boolean isQueryTimeout(Optional<JsonNode> json) {
        return json.map(b -> "timeout".equals(b.path("errorType").asText())).orElse(false);
    }

    private static Optional<JsonNode> parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null || !node.isObject() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            return Optional.empty(); // an HTML error page or a login form; the status decides the message
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            throw errors.interrupted();
        }
    }
}
