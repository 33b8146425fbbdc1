package dev.rollback.adapters.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rollback.adapters.registry.mlflow.StandInServer.Answer;
import dev.rollback.core.registry.RegistryException;
import dev.rollback.core.registry.RegistryException.Kind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * Failures a healthy local MLflow cannot produce: a closed port, a server that never answers, and
 * scripted stand-ins for an auth-enabled server (401/403), a proxy (503) and rate limiting (429).
 */
class MlflowRegistryTransportTest {

    private static MlflowRegistry registry(String uri, Duration timeout) {
        return new MlflowRegistry(uri, timeout, new BasicMlflowHostCreds(uri));
    }

    @Test
    void closedPortIsUnreachableAtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String uri = "http://127.0.0.1:" + port;
        MlflowRegistry registry = registry(uri, Duration.ofSeconds(10));
        long start = System.nanoTime();
        RegistryException e = catchThrowableOfType(RegistryException.class, () -> registry.getModel("m"));
        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).isEqualTo("cannot reach the MLflow registry at " + uri + ": connection refused.");
        assertThat(registry.requestCount()).as("connection refused is not retried").isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void serverThatNeverAnswersTimesOut() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // keep it open, never answer
                    }
                } catch (Exception closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String uri = "http://127.0.0.1:" + silent.getLocalPort();
            MlflowRegistry registry = registry(uri, Duration.ofMillis(700));
            long start = System.nanoTime();
            RegistryException e = catchThrowableOfType(RegistryException.class, () -> registry.findVersion("m", "1"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e.getMessage()).startsWith("no answer from " + uri + " within 700ms");
            assertThat(registry.requestCount()).isEqualTo(1);
            assertThat(took).isBetween(Duration.ofMillis(600), Duration.ofSeconds(3));
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void unauthenticatedNamesTheVariablesToSetAndIsNotRetried() throws Exception {
        // stand-in for an auth-enabled server (mlflow server --app-name basic-auth) without credentials
        try (StandInServer server = new StandInServer(Answer.json(401,
                "{\"error_code\":\"UNAUTHENTICATED\",\"message\":\"You are not authenticated.\"}"))) {
            MlflowRegistry registry = registry(server.uri(), Duration.ofSeconds(5));
            RegistryException e = catchThrowableOfType(RegistryException.class, () -> registry.getModel("m"));
            assertThat(e.kind()).isEqualTo(Kind.UNAUTHENTICATED);
            assertThat(e.getMessage()).contains("MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_USERNAME",
                    "MLFLOW_TRACKING_PASSWORD", "UNAUTHENTICATED", "You are not authenticated.", server.uri());
            assertThat(registry.requestCount()).isEqualTo(1);
            assertThat(server.seen).hasSize(1);
            assertThat(server.seen.get(0).authorization()).isNull();
        }
    }

    @Test
    void permissionDeniedIsNotRetried() throws Exception {
        try (StandInServer server = new StandInServer(Answer.json(403,
                "{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"Permission denied\"}"))) {
            MlflowRegistry registry = registry(server.uri(), Duration.ofSeconds(5));
            RegistryException e = catchThrowableOfType(RegistryException.class,
                    () -> registry.setAlias("homepage-recsys", "champion", "5"));
            assertThat(e.kind()).isEqualTo(Kind.PERMISSION_DENIED);
            assertThat(e.getMessage()).contains("homepage-recsys", "PERMISSION_DENIED");
            assertThat(registry.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void unavailableIsRetriedTwiceThenServerError() throws Exception {
        try (StandInServer server = new StandInServer(Answer.json(503,
                "{\"error_code\":\"TEMPORARILY_UNAVAILABLE\",\"message\":\"try later\"}"))) {
            MlflowRegistry registry = registry(server.uri(), Duration.ofSeconds(5));
            RegistryException e = catchThrowableOfType(RegistryException.class, () -> registry.resolveAlias("m", "a"));
            assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
            assertThat(e.getMessage()).contains("HTTP 503 TEMPORARILY_UNAVAILABLE: try later");
            assertThat(registry.requestCount()).isEqualTo(3);
        }
    }

    @Test
    void internalErrorIsNotRetried() throws Exception {
        try (StandInServer server = new StandInServer(Answer.json(500,
                "{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"boom\"}"))) {
            MlflowRegistry registry = registry(server.uri(), Duration.ofSeconds(5));
            RegistryException e = catchThrowableOfType(RegistryException.class, () -> registry.getModel("m"));
            assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
            assertThat(registry.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void rateLimitHonoursRetryAfterThenSucceeds() throws Exception {
        try (StandInServer server = new StandInServer(
                new Answer(429, "{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\"}", Map.of("Retry-After", "1")),
                Answer.json(200, "{\"registered_model\":{\"name\":\"m\",\"aliases\":[{\"alias\":\"champion\",\"version\":\"7\"}],\"brand_new_field\":1}}"))) {
            MlflowRegistry registry = registry(server.uri(), Duration.ofSeconds(5));
            long start = System.nanoTime();
            assertThat(registry.getModel("m").aliases()).isEqualTo(Map.of("champion", "7"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
            assertThat(registry.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void notAnMlflowServerIsNotMistakenForAMissingVersion() throws Exception {
        try (StandInServer server = new StandInServer(new Answer(404, "<html>Not Found</html>", Map.of()))) {
            MlflowRegistry registry = registry(server.uri(), Duration.ofSeconds(5));
            RegistryException e = catchThrowableOfType(RegistryException.class, () -> registry.findVersion("m", "1"));
            assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST);
            assertThat(e.getMessage()).contains("is it an MLflow tracking server?");
        }
    }

    @Test
    void requestsAreShapedAsMlflowExpects() throws Exception {
        try (StandInServer server = new StandInServer(Answer.json(200, "{}"))) {
            MlflowRegistry registry = registry(server.uri() + "/", Duration.ofSeconds(5));
            registry.deleteAlias("home page", "champion");
            registry.searchVersions(dev.rollback.core.registry.VersionSearch.taggedVersionsOf("home page", "a.b", "x y"));
            StandInServer.Seen delete = server.seen.get(0);
            assertThat(delete.method()).isEqualTo("DELETE");
            assertThat(delete.pathAndQuery()).isEqualTo("/api/2.0/mlflow/registered-models/alias");
            assertThat(delete.contentType()).isEqualTo("application/json");
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(delete.body()))
                    .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                            "{\"name\":\"home page\",\"alias\":\"champion\"}"));
            String search = java.net.URLDecoder.decode(server.seen.get(1).pathAndQuery(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(search).isEqualTo("/api/2.0/mlflow/model-versions/search?filter=name = 'home page' AND "
                    + "tags.`a.b` = 'x y'&order_by=version_number DESC&max_results=1000");
        }
    }
}
