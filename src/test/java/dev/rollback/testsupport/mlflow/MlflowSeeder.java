package dev.rollback.testsupport.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes test data into a real MLflow server over its REST API (JDK HttpClient, no retries, any
 * non-2xx is an {@link IllegalStateException} with MLflow's answer). Independent of the adapter
 * under test on purpose.
 */
public final class MlflowSeeder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String api;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public MlflowSeeder(String trackingUri) {
        this.api = trackingUri.replaceAll("/+$", "") + "/api/2.0/mlflow/";
    }

    public void createRegisteredModel(String name) {
        post("registered-models/create", Map.of("name", name));
    }

    /** The experiment's id, creating it when missing. */
    public String experiment(String name) {
        JsonNode found = get("experiments/get-by-name", Map.of("experiment_name", name), true);
        if (found != null) {
            return found.path("experiment").path("experiment_id").asText();
        }
        return post("experiments/create", Map.of("name", name)).path("experiment_id").asText();
    }

    /** A run as the server created it: its id and where its artifacts live (the server's artifact root). */
    public record Run(String id, String artifactUri) {
    }

    /** A run with these metrics logged at step 0. */
    public Run createRun(String experimentId, String runName, Map<String, Double> metrics) {
        long now = System.currentTimeMillis();
        JsonNode info = post("runs/create", Map.of("experiment_id", experimentId, "run_name", runName,
                "start_time", now)).path("run").path("info");
        String runId = info.path("run_id").asText();
        List<Map<String, Object>> logged = new ArrayList<>();
        metrics.forEach((k, v) -> logged.add(Map.of("key", k, "value", v, "timestamp", now, "step", 0)));
        post("runs/log-batch", Map.of("run_id", runId, "metrics", logged));
        return new Run(runId, info.path("artifact_uri").asText());
    }

    /** Registers a version and waits until it is READY; returns the version ("7"). */
    public String createModelVersion(String name, String source, String runId) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", name, "source", source));
        if (runId != null) {
            body.put("run_id", runId);
        }
        JsonNode mv = post("model-versions/create", body).path("model_version");
        String version = mv.path("version").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"READY".equals(mv.path("status").asText())) {
            if (System.nanoTime() > deadline || "FAILED_REGISTRATION".equals(mv.path("status").asText())) {
                throw new IllegalStateException("model " + name + " version " + version + " not READY: " + mv);
            }
            sleep(100);
            mv = get("model-versions/get", Map.of("name", name, "version", version), false).path("model_version");
        }
        return version;
    }

    public void setVersionTag(String name, String version, String key, String value) {
        post("model-versions/set-tag", Map.of("name", name, "version", version, "key", key, "value", value));
    }

    public void setAlias(String name, String alias, String version) {
        post("registered-models/alias", Map.of("name", name, "alias", alias, "version", version));
    }

    /** Legacy stage transition, never archiving the other versions. */
    public void transitionStage(String name, String version, String stage) {
        post("model-versions/transition-stage", Map.of("name", name, "version", version, "stage", stage,
                "archive_existing_versions", false));
    }

    /** Raw POST for anything else; returns the parsed answer. */
    public JsonNode post(String path, Map<String, ?> body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            return answer(request, false);
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed: " + e, e);
        }
    }

    /** Raw GET; with {@code missingIsNull}, a 404 answer gives null. */
    public JsonNode get(String path, Map<String, String> query, boolean missingIsNull) {
        String qs = query.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + path + "?" + qs))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return answer(request, missingIsNull);
    }

    private JsonNode answer(HttpRequest request, boolean missingIsNull) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (missingIsNull && response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " -> HTTP "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body().isBlank() ? "{}" : response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
