package dev.rollback.testsupport.s3;

import dev.rollback.testsupport.TestVenv;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real S3-compatible server (moto) for tests, started once per JVM from the cached venv on a free
 * 127.0.0.1 port (about 1-2 s), stopped by a shutdown hook. Tests share it: give each test its own
 * bucket via {@link #freshBucket(String)} instead of resetting, so parallel classes do not collide.
 *
 * <p>{@code -Drollback.s3.endpoint=http://...} uses an already running server instead.
 */
public final class S3Server {

    /** moto accepts any keys; these are the conventional dummies. */
    public static final String ACCESS_KEY = "testing";
    public static final String SECRET_KEY = "testing";
    public static final String REGION = "us-east-1";

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static S3Server shared;

    private final URI endpoint;
    private final MotoProcess process;
    private final S3Client client;

    private S3Server(URI endpoint, MotoProcess process) {
        this.endpoint = endpoint;
        this.process = process;
        this.client = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** The JVM's server, started on first use. */
    public static synchronized S3Server shared() {
        if (shared == null) {
            String external = System.getProperty("rollback.s3.endpoint");
            if (external != null && !external.isBlank()) {
                shared = new S3Server(URI.create(external.replaceAll("/+$", "")), null);
            } else {
                long started = System.nanoTime();
                MotoProcess moto = MotoProcess.start(TestVenv.path());
                System.err.printf("moto_server ready at %s in %d ms (log %s)%n", moto.endpoint,
                        (System.nanoTime() - started) / 1_000_000, moto.log);
                shared = new S3Server(moto.endpoint, moto);
            }
        }
        return shared;
    }

    /** http://127.0.0.1:PORT (no trailing slash). */
    public URI endpoint() {
        return endpoint;
    }

    /** An S3 client for the server: dummy keys, path-style, checksums only when required. Do not close. */
    public S3Client client() {
        return client;
    }

    /** Env a store under test needs to reach this server: MLflow's endpoint variable and the dummy keys. */
    public Map<String, String> env() {
        return Map.of("MLFLOW_S3_ENDPOINT_URL", endpoint.toString(),
                "AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    /** A new bucket no other test in this JVM (or an earlier run on the same server) uses. */
    public String freshBucket(String prefix) {
        String name = (prefix + "-" + NAMES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        createBucket(name);
        return name;
    }

    /** Creates the bucket; no error if it is already there. */
    public void createBucket(String name) {
        try {
            client.createBucket(b -> b.bucket(name));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // fine: idempotent for tests
        }
    }

    /** Writes (or overwrites in place) one object; returns its ETag without quotes. */
    public String putObject(String bucket, String key, String content) {
        return client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content))
                .eTag().replace("\"", "");
    }

    /** Writes an MLflow-style model directory: {@code prefix/name} for every entry (e.g. MLmodel, model.pkl). */
    public void uploadModel(String bucket, String prefix, Map<String, String> files) {
        String dir = prefix.endsWith("/") ? prefix : prefix + "/";
        files.forEach((name, content) -> putObject(bucket, dir + name, content));
    }

    public void deleteObject(String bucket, String key) {
        client.deleteObject(b -> b.bucket(bucket).key(key));
    }

    /** Forgets every bucket ({@code POST /moto-api/reset}); only for tests that own the whole server. */
    public void reset() {
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("moto reset answered " + r.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reset moto at " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The last 40 lines of the server log, for failure messages ("" for an external server). */
    public String logTail() {
        return process == null ? "" : process.logTail();
    }
}
