package dev.rollback.adapters.s3;

import dev.rollback.adapters.CountsRequests;
import dev.rollback.core.artifacts.ArtifactFingerprint;
import dev.rollback.core.artifacts.ArtifactStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Fingerprints {@code s3://} artifacts so a rollback can refuse a version whose files are gone or
 * were overwritten in place. One object: its ETag. A prefix (an MLflow model directory): SHA-256
 * over {@code relativeKey \t etag \t size \n} of every object below it, sorted by key.
 *
 * <p>The SDK client is built on first use: a CLI that never touches S3 should not pay for it.
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable, CountsRequests {

    /** MLflow's own variable; its users already have it pointing at MinIO & co. */
    public static final String MLFLOW_ENDPOINT_ENV = S3Connection.MLFLOW_ENDPOINT_ENV;
    static final int MAX_PAGE_SIZE = 1000;

    private final S3Connection s3;
    private final int pageSize;

    S3ArtifactStore(S3Settings settings, Map<String, String> env, int pageSize) {
        this.s3 = new S3Connection(settings, env);
        this.pageSize = pageSize;
    }

    /** A store for these settings; credentials and {@value #MLFLOW_ENDPOINT_ENV} are read from {@code env}. */
    public static S3ArtifactStore create(S3Settings settings, Map<String, String> env) {
        return new S3ArtifactStore(settings == null ? S3Settings.defaults() : settings, env, MAX_PAGE_SIZE);
    }

    /** Default settings, the process environment. */
    public static S3ArtifactStore fromEnvironment() {
        return create(S3Settings.defaults(), System.getenv());
    }

    @Override
    public boolean handles(String uri) {
        return S3Location.isS3(uri);
    }

    @Override
    public Optional<ArtifactFingerprint> fingerprint(String uri) {
        S3Location where = S3Location.parse(uri);
        try {
            if (!where.isDirectory()) {
                Optional<HeadObjectResponse> head = head(where);
                if (head.isPresent()) {
                    return Optional.of(new ArtifactFingerprint(uri, unquote(head.get().eTag()), 1,
                            head.get().contentLength()));
                }
            }
            return prefix(uri, where);
        } catch (SdkException e) {
            throw s3.translate(e, where);
        }
    }

    private Optional<HeadObjectResponse> head(S3Location where) {
        try {
            return Optional.of(client().headObject(b -> b.bucket(where.bucket()).key(where.key())));
        } catch (S3Exception e) {
            if (S3Errors.isNotFound(e)) {
                return Optional.empty(); // maybe a directory: the listing decides (and reports a missing bucket)
            }
            throw e;
        }
    }

    private Optional<ArtifactFingerprint> prefix(String uri, S3Location where) {
        String prefix = where.directoryPrefix();
        // Sorted by key so the digest does not depend on listing order.
        Map<String, S3Object> objects = new TreeMap<>();
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                .bucket(where.bucket()).prefix(prefix).maxKeys(pageSize);
        String token = null;
        do {
            ListObjectsV2Response page = client().listObjectsV2(request.continuationToken(token).build());
            for (S3Object o : page.contents()) {
                if (!o.key().equals(prefix)) { // a console "folder" marker is not part of the model
                    objects.put(o.key().substring(prefix.length()), o);
                }
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        if (objects.isEmpty()) {
            return Optional.empty();
        }
        MessageDigest sha = sha256();
        long bytes = 0;
        for (Map.Entry<String, S3Object> e : objects.entrySet()) {
            long size = e.getValue().size() == null ? 0 : e.getValue().size();
            bytes += size;
            sha.update((e.getKey() + "\t" + unquote(e.getValue().eTag()) + "\t" + size + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return Optional.of(new ArtifactFingerprint(uri, HexFormat.of().formatHex(sha.digest()), objects.size(), bytes));
    }

    /** HTTP round trips made so far (retries included). */
    @Override
    public long requestCount() {
        return s3.requestCount();
    }

    /** The endpoint override in effect (settings, else {@value #MLFLOW_ENDPOINT_ENV}); null for AWS. */
    public URI endpoint() {
        return s3.endpoint();
    }

    /** Where credentials come from, by env-var name only. */
    public String credentialSource() {
        return s3.credentialSource();
    }

    private S3Client client() {
        return s3.client();
    }

    @Override
    public void close() {
        s3.close();
    }

    @Override
    public String toString() {
        return "S3ArtifactStore[" + s3.describe() + ", credentials from " + credentialSource() + "]";
    }

    private static String unquote(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }
}
