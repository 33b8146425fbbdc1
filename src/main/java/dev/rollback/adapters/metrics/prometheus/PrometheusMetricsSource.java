package dev.rollback.adapters.metrics.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.CountsRequests;
import dev.rollback.config.MetricsConfig;
import dev.rollback.core.metrics.MetricsException;
import dev.rollback.core.metrics.MetricsSource;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@link MetricsSource} over Prometheus's HTTP API v1 ({@code /api/v1/query}, {@code /api/v1/query_range}), with
 * the JDK's HTTP client. The base URL may carry a path prefix (http://host/prometheus). A query must come down to
 * one number: a scalar, or a vector/matrix with exactly one series; none is "no data", more is
 * {@link MetricsException.Kind#AMBIGUOUS}. NaN samples ("no traffic", 0/0) are gaps, never values.
 *
 * <p>Requests: one per query, plus at most one retry (see {@link PrometheusHttp}); {@link #requests()} counts them.
 */
public final class PrometheusMetricsSource implements MetricsSource, CountsRequests {

    static final String QUERY = "/api/v1/query";
    static final String QUERY_RANGE = "/api/v1/query_range";
    /** Label sets quoted in an AMBIGUOUS message; enough to see which label differs. */
    private static final int LABELS_SHOWN = 2;

    private final String location;
    private final PrometheusErrors errors;
    private final PrometheusHttp http;

    private PrometheusMetricsSource(String location, PrometheusErrors errors, PrometheusHttp http) {
        this.location = location;
        this.errors = errors;
        this.http = http;
    }

    /**
     * The source for one service's {@code metrics} config. Reads the Authorization value now, from
     * {@code authorizationEnv} in {@code env} or else {@code authorizationFile}, so a missing one stops the command
     * at once instead of turning every signal into a gap.
     *
     * @throws MetricsException AUTH naming the variable or file to fix when a configured one is unset, missing or empty
     */
    public static PrometheusMetricsSource create(MetricsConfig config, Map<String, String> env) {
        Objects.requireNonNull(config.url(), "metrics.prometheus is required (the config validator checks it)");
        String location = location(config.url());
        Optional<AuthorizationHeader> authorization = AuthorizationHeader.read(config.authorizationEnv(),
                config.authorizationFile(), env);
        Duration timeout = config.timeout() == null ? MetricsConfig.DEFAULT_TIMEOUT : config.timeout();
        PrometheusErrors errors = new PrometheusErrors(location, timeout, authorization);
        return new PrometheusMetricsSource(location, errors, new PrometheusHttp(location, authorization.map(AuthorizationHeader::value), timeout, errors));
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public OptionalDouble instant(String query, Instant at) {
        JsonNode data = http.get(QUERY, query, Map.of("time", PrometheusValues.seconds(at)));
        String resultType = data.path("resultType").asText();
        JsonNode result = data.path("result");
        switch (resultType) {
            case "scalar":
                return sample(result).value();
            case "vector":
                if (!result.isArray()) {
                    throw errors.unexpected("vector without a result list");
                }
                if (result.isEmpty()) {
                    return OptionalDouble.empty();
                }
                requireOneSeries(query, result);
                return sample(result.get(0).path("value")).value();
            default:
                throw errors.notANumber(query, resultType.isEmpty() ? "nothing" : resultType);
        }
    }

    @Override
    public List<Point> range(String query, Instant start, Instant end, Duration step) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("start", PrometheusValues.seconds(start));
        params.put("end", PrometheusValues.seconds(end));
        params.put("step", PrometheusValues.seconds(step));
        JsonNode data = http.get(QUERY_RANGE, query, params);
        JsonNode result = data.path("result");
        if (!"matrix".equals(data.path("resultType").asText()) || !result.isArray()) {
            throw errors.unexpected("a range query answered with " + data.path("resultType").asText("nothing"));
        }
        if (result.isEmpty()) {
            return List.of();
        }
        requireOneSeries(query, result);
        List<Point> points = new ArrayList<>();
        for (JsonNode pair : result.get(0).path("values")) {
            Sample s = sample(pair);
            s.value().ifPresent(v -> points.add(new Point(s.at(), v)));
        }
        return List.copyOf(points);
    }

    /** HTTP round trips so far, retries included, for reporting what a command cost. */
    public long requests() {
        return http.requests();
    }

    @Override
    public long requestCount() {
        return requests();
    }

    @Override
    public String toString() {
        return "Prometheus at " + location;
    }

    private void requireOneSeries(String query, JsonNode series) {
        if (series.size() > 1) {
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < Math.min(LABELS_SHOWN, series.size()); i++) {
                labels.add(labels(series.get(i).path("metric")));
            }
            throw errors.ambiguous(query, series.size(), labels);
        }
    }

    /** One [unix seconds, "value"] pair. */
    private Sample sample(JsonNode pair) {
        if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber() || !pair.get(1).isTextual()) {
            throw errors.unexpected("a sample that is not [time, \"value\"]");
        }
        try {
            return new Sample(PrometheusValues.instant(pair.get(0).decimalValue()),
                    PrometheusValues.value(pair.get(1).asText()));
        } catch (NumberFormatException e) {
            throw errors.unexpected("a sample value that is not a number");
        }
    }

    private record Sample(Instant at, OptionalDouble value) {
    }

    /** {service="recsys", pod="a"}: how PromQL writes a series, so the operator can paste it into a matcher. */
    private static String labels(JsonNode metric) {
        StringBuilder out = new StringBuilder("{");
        for (Iterator<Map.Entry<String, JsonNode>> it = metric.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            out.append(label.getKey()).append("=\"").append(label.getValue().asText()).append('"');
            if (it.hasNext()) {
                out.append(", ");
            }
        }
        return out.append('}').toString();
    }

    /** Scheme, host, port and path prefix; no credentials, query or trailing slash. */
    private static String location(URI url) {
        try {
            URI clean = new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null);
            return clean.toString().replaceAll("/+$", "");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("metrics.prometheus is not a usable URL: " + e.getReason(), e);
        }
    }
}
