package dev.rollback.testsupport.mlflow;

import dev.rollback.testsupport.ChildProcesses;
import dev.rollback.testsupport.TestVenv;
import dev.rollback.testsupport.s3.S3Server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real {@code mlflow server} (sqlite backend; artifact root {@value #ARTIFACT_ROOT} on the shared
 * moto S3 server, so run artifact URIs and version sources are {@code s3://} URIs as in production),
 * started once per JVM on a free 127.0.0.1 port from the cached venv of
 * {@code src/test/python/ensure-venv.sh}, stopped by a shutdown hook. It runs with
 * {@code --no-serve-artifacts}: clients write artifacts to S3 themselves, as most S3 deployments do. Use {@link #shared()} or {@link MlflowServerExtension}. Tests share it: give
 * every test class its own model via {@link #freshModelName(String)}.
 *
 * <p>{@code -Drollback.mlflow.uri=http://...} uses an already running server instead.
 */
public final class MlflowServer {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    public static final String ARTIFACT_BUCKET = "mlflow-artifacts";
    public static final String ARTIFACT_ROOT = "s3://" + ARTIFACT_BUCKET + "/mlruns";
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static MlflowServer shared;

    private final String uri;
    private final Path dir;
    private final Path log;
    private final Process process;

    private MlflowServer(String uri, Path dir, Path log, Process process) {
        this.uri = uri;
        this.dir = dir;
        this.log = log;
        this.process = process;
    }

    /** The JVM's server, started on first use (about 10 s). */
    public static synchronized MlflowServer shared() {
        if (shared == null) {
            String external = System.getProperty("rollback.mlflow.uri");
            shared = external != null && !external.isBlank()
                    ? new MlflowServer(external.replaceAll("/+$", ""), null, null, null)
                    : start();
        }
        return shared;
    }

    /** http://127.0.0.1:PORT (no trailing slash). */
    public String uri() {
        return uri;
    }

    /** The server's stdout+stderr (null for an external server). */
    public Path logFile() {
        return log;
    }

    /** A model name no other test in this JVM (or an earlier run against the same server) uses. */
    public String freshModelName(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static MlflowServer start() {
        Path venv = TestVenv.path();
        S3Server s3 = S3Server.shared();
        s3.createBucket(ARTIFACT_BUCKET);
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a free port can be taken before mlflow binds it
            try {
                Path dir = Files.createTempDirectory("rollback-mlflow-");
                int port = ChildProcesses.freePort();
                Path log = dir.resolve("mlflow-server.log");
                List<String> cmd = List.of(venv.resolve("bin/mlflow").toString(), "server",
                        "--backend-store-uri", "sqlite:///" + dir.resolve("mlflow.db"),
                        "--default-artifact-root", ARTIFACT_ROOT, "--no-serve-artifacts",
                        "--host", "127.0.0.1", "--port", String.valueOf(port), "--workers", "1");
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                pb.environment().put("PYTHONUNBUFFERED", "1");
                pb.environment().keySet().removeIf(k -> k.startsWith("MLFLOW_") || k.startsWith("AWS_"));
                pb.environment().putAll(s3.env());
                long started = System.nanoTime();
                Process process = pb.start();
                MlflowServer server = new MlflowServer("http://127.0.0.1:" + port, dir, log, process);
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "mlflow-server-stop"));
                server.awaitReady();
                System.err.printf("mlflow server ready at %s in %d ms (log %s)%n", server.uri,
                        (System.nanoTime() - started) / 1_000_000, log);
                return server;
            } catch (IOException e) {
                throw new IllegalStateException("cannot start mlflow server: " + e, e);
            } catch (IllegalStateException e) {
                last = e;
                if (!e.getMessage().contains("already in use")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(uri + "/health")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                stop();
                throw new IllegalStateException("mlflow server exited with " + process.exitValue()
                        + " before it was ready; log " + log + ":\n" + logTail());
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    warmUp(client);
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            ChildProcesses.sleep(200);
        }
        stop();
        throw new IllegalStateException("mlflow server at " + uri + " not ready within " + START_TIMEOUT.toSeconds()
                + " s; log " + log + ":\n" + logTail());
    }

    /** The first REST calls of a fresh server are slow (lazy imports, store init): pay them here. */
    private void warmUp(HttpClient client) {
        for (String path : List.of("registered-models/search?max_results=1", "experiments/search?max_results=1",
                "model-versions/search?max_results=1")) {
            try {
                client.send(HttpRequest.newBuilder(URI.create(uri + "/api/2.0/mlflow/" + path))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
            } catch (IOException ignored) {
                // the tests will say what is wrong
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The last 40 lines of the server log. */
    public String logTail() {
        return ChildProcesses.logTail(log);
    }

    private void stop() {
        if (process == null) {
            return;
        }
        ChildProcesses.killTree(process, Duration.ofSeconds(10));
        if (!Boolean.getBoolean("rollback.mlflow.keep")) {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }
}
