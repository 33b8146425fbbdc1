package dev.rollback.adapters.s3;

import dev.rollback.core.artifacts.ArtifactStoreException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.Map;

/**
 * One S3 endpoint as the adapters use it: the settings and environment, the endpoint in effect, the SDK
 * client built on first use (a command that never touches S3 should not pay for it), its request
 * counter, and errors translated with the endpoint and credential source named.
 */
final class S3Connection implements AutoCloseable {

    /** MLflow's own variable; its users already have it pointing at MinIO & co. */
    static final String MLFLOW_ENDPOINT_ENV = "MLFLOW_S3_ENDPOINT_URL";

    private final S3Settings settings;
    private final Map<String, String> env;
    private final URI endpoint;
    private final RequestCounter counter = new RequestCounter();
    private S3Client client;

    S3Connection(S3Settings settings, Map<String, String> env) {
        this.settings = settings;
        this.env = Map.copyOf(env);
        this.endpoint = settings.endpoint() != null ? settings.endpoint() : envEndpoint(env);
    }

    synchronized S3Client client() {
        if (client == null) {
            try {
                client = S3Clients.build(settings, env, endpoint, counter);
            } catch (IllegalArgumentException e) {
                throw new ArtifactStoreException("S3 settings for " + describe() + ": " + e.getMessage(), e);
            }
        }
        return client;
    }

    /** An SDK failure at {@code where}, in words that name the endpoint and where credentials come from. */
    ArtifactStoreException translate(SdkException e, S3Location where) {
        return S3Errors.translate(e, where, describe(), credentialSource());
    }

    /** The endpoint override in effect (settings, else {@value #MLFLOW_ENDPOINT_ENV}); null for AWS. */
    URI endpoint() {
        return endpoint;
    }

    /** Where credentials come from, by env-var name only. */
    String credentialSource() {
        return S3Credentials.describe(settings, env);
    }

    /** The endpoint, or "AWS S3 (region)". */
    String describe() {
        return endpoint != null ? endpoint.toString() : "AWS S3 (" + S3Clients.region(settings, env) + ")";
    }

    long requestCount() {
        return counter.count();
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private static URI envEndpoint(Map<String, String> env) {
        String value = env.get(MLFLOW_ENDPOINT_ENV);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ArtifactStoreException(MLFLOW_ENDPOINT_ENV + " is not a URL: " + value, e);
        }
    }
}
