package dev.rollback.adapters.s3;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach S3 or an S3-compatible store. Holds env-var NAMES, never key values, so it is safe
 * to print. Null fields take the defaults below.
 *
 * @param endpoint        endpoint override (MinIO, moto, ...); null = {@code MLFLOW_S3_ENDPOINT_URL}
 *                        from the environment, else AWS
 * @param region          null = {@code AWS_REGION} / {@code AWS_DEFAULT_REGION}, else {@code us-east-1}
 * @param pathStyle       null = path-style when an endpoint override is in effect (what S3-compatible
 *                        servers expect), virtual-hosted for AWS
 * @param accessKeyEnv    name of the env var holding the access key id
 * @param secretKeyEnv    name of the env var holding the secret key
 * @param sessionTokenEnv name of the env var holding the optional session token
 * @param connectTimeout  TCP connect timeout
 * @param readTimeout     socket read timeout, and the bound on one attempt
 * @param maxAttempts     attempts per call including the first; small, because an on-call engineer
 *                        waiting on a dead endpoint needs the error, not minutes of back-off
 */
public record S3Settings(URI endpoint, String region, Boolean pathStyle, String accessKeyEnv,
                         String secretKeyEnv, String sessionTokenEnv, Duration connectTimeout,
                         Duration readTimeout, int maxAttempts) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 2;

    public S3Settings {
        accessKeyEnv = orDefault(accessKeyEnv, "AWS_ACCESS_KEY_ID");
        secretKeyEnv = orDefault(secretKeyEnv, "AWS_SECRET_ACCESS_KEY");
        sessionTokenEnv = orDefault(sessionTokenEnv, "AWS_SESSION_TOKEN");
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
        maxAttempts = maxAttempts <= 0 ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
        region = region == null || region.isBlank() ? null : region.trim();
    }

    /** AWS, region and credentials from the environment, default timeouts. */
    public static S3Settings defaults() {
        return new S3Settings(null, null, null, null, null, null, null, null, 0);
    }

    public S3Settings withEndpoint(URI endpoint) {
        return new S3Settings(endpoint, region, pathStyle, accessKeyEnv, secretKeyEnv, sessionTokenEnv,
                connectTimeout, readTimeout, maxAttempts);
    }

    public S3Settings withRegion(String region) {
        return new S3Settings(endpoint, region, pathStyle, accessKeyEnv, secretKeyEnv, sessionTokenEnv,
                connectTimeout, readTimeout, maxAttempts);
    }

    public S3Settings withPathStyle(Boolean pathStyle) {
        return new S3Settings(endpoint, region, pathStyle, accessKeyEnv, secretKeyEnv, sessionTokenEnv,
                connectTimeout, readTimeout, maxAttempts);
    }

    /** Env-var names for the access key, secret key and session token (null keeps the AWS default name). */
    public S3Settings withCredentialEnv(String accessKeyEnv, String secretKeyEnv, String sessionTokenEnv) {
        return new S3Settings(endpoint, region, pathStyle, accessKeyEnv, secretKeyEnv, sessionTokenEnv,
                connectTimeout, readTimeout, maxAttempts);
    }

    public S3Settings withTimeouts(Duration connectTimeout, Duration readTimeout) {
        return new S3Settings(endpoint, region, pathStyle, accessKeyEnv, secretKeyEnv, sessionTokenEnv,
                connectTimeout, readTimeout, maxAttempts);
    }

    public S3Settings withMaxAttempts(int maxAttempts) {
        return new S3Settings(endpoint, region, pathStyle, accessKeyEnv, secretKeyEnv, sessionTokenEnv,
                connectTimeout, readTimeout, maxAttempts);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
