package dev.rollback.adapters.s3;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.net.URI;
import java.util.Map;

/** Builds the SDK client: URL-connection transport (no Netty/Apache), few retries, bounded timeouts. */
final class S3Clients {

    private S3Clients() {
    }

    static S3Client build(S3Settings settings, Map<String, String> env, URI endpoint, RequestCounter counter) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.readTimeout()))
                .region(Region.of(region(settings, env)))
                .credentialsProvider(S3Credentials.provider(settings, env))
                // Since 2.30 the SDK adds CRC32 checksums by default; third-party stores may reject them.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .addExecutionInterceptor(counter)
                        // Default is 3 attempts with back-off; a CLI should fail fast and say why.
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts()).build())
                        .apiCallAttemptTimeout(settings.connectTimeout().plus(settings.readTimeout()))
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        } else {
            // On AWS a bucket may live in any region; let the SDK follow the redirect instead of failing.
            builder.crossRegionAccessEnabled(true);
        }
        boolean pathStyle = settings.pathStyle() != null ? settings.pathStyle() : endpoint != null;
        return builder.forcePathStyle(pathStyle).build();
    }

    /** Settings, else AWS_REGION / AWS_DEFAULT_REGION from env, else us-east-1. */
    static String region(S3Settings settings, Map<String, String> env) {
        if (settings.region() != null) {
            return settings.region();
        }
        for (String name : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return S3Settings.DEFAULT_REGION;
    }
}
