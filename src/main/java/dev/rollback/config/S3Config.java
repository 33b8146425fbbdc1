package dev.rollback.config;

import java.net.URI;

/**
 * How to reach S3 or an S3-compatible store (MinIO, Ceph, moto), for artifact checks and the journal
 * mirror. Null fields mean "the default": endpoint from {@code MLFLOW_S3_ENDPOINT_URL} else AWS, region
 * from {@code AWS_REGION}, path-style when an endpoint is set. Credentials are env-var names only.
 */
public record S3Config(URI endpoint, String region, Boolean pathStyle, String accessKeyEnv, String secretKeyEnv,
                       String sessionTokenEnv) {

    public static S3Config defaults() {
        return new S3Config(null, null, null, null, null, null);
    }
}
