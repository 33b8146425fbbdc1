package dev.rollback.adapters.s3;

import dev.rollback.core.artifacts.ArtifactStoreException;
import dev.rollback.testsupport.s3.S3Server;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Failures that are configuration problems must say what to fix; a missing artifact is not one of them. */
class S3ArtifactStoreErrorsTest {

    private static final String SECRET = "wJalrXUtnFEMI-very-secret";

    @Test
    void aMissingBucketIsAConfigurationErrorNamingBucketAndEndpoint() {
        S3Server s3 = S3Server.shared();
        try (S3ArtifactStore store = MotoStores.store(s3)) {
            ArtifactStoreException e = catchThrowableOfType(ArtifactStoreException.class,
                    () -> store.fingerprint("s3://no-such-bucket-xyz/models/m/MLmodel"));

            assertThat(e).hasMessageContaining("bucket no-such-bucket-xyz does not exist at " + s3.endpoint());
        }
    }

    @Test
    void anUnreachableEndpointFailsFastNamingIt() throws IOException {
        URI closed = URI.create("http://127.0.0.1:" + closedPort());
        try (S3ArtifactStore store = S3ArtifactStore.create(S3Settings.defaults().withEndpoint(closed),
                Map.of("AWS_ACCESS_KEY_ID", "AKIDX", "AWS_SECRET_ACCESS_KEY", SECRET))) {
            long started = System.nanoTime();
            ArtifactStoreException e = catchThrowableOfType(ArtifactStoreException.class,
                    () -> store.fingerprint("s3://bucket/model"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(e).hasMessageContaining("cannot reach S3 at " + closed).hasMessageContaining("connection refused");
            assertThat(e.getMessage()).doesNotContain(SECRET);
            assertThat(took).as("few attempts, short back-off").isLessThan(Duration.ofSeconds(5));
            assertThat(store.requestCount()).as("a CLI retries once, not the SDK default 3 times").isEqualTo(2);
        }
    }

    @Test
    void anUnknownHostIsNamed() {
        URI nowhere = URI.create("http://rollback-test.invalid:9000");
        try (S3ArtifactStore store = S3ArtifactStore.create(S3Settings.defaults().withEndpoint(nowhere),
                Map.of("AWS_ACCESS_KEY_ID", "AKIDX", "AWS_SECRET_ACCESS_KEY", SECRET))) {
            ArtifactStoreException e = catchThrowableOfType(ArtifactStoreException.class,
                    () -> store.fingerprint("s3://bucket/model"));

            assertThat(e).hasMessageContaining("cannot reach S3 at " + nowhere);
        }
    }

    @Test
    void accessDeniedNamesTheUriAndTheEnvVarsButNotTheSecret() throws IOException {
        try (FakeS3 fake = new FakeS3(403);
             S3ArtifactStore store = S3ArtifactStore.create(
                     S3Settings.defaults().withEndpoint(fake.endpoint()).withCredentialEnv("ML_KEY", "ML_SECRET", null),
                     Map.of("ML_KEY", "AKIDML", "ML_SECRET", SECRET))) {
            ArtifactStoreException e = catchThrowableOfType(ArtifactStoreException.class,
                    () -> store.fingerprint("s3://models/churn/model.pkl"));

            assertThat(e).hasMessageContaining("access denied").hasMessageContaining("s3://models/churn/model.pkl")
                    .hasMessageContaining("ML_KEY/ML_SECRET");
            assertThat(e.getMessage()).doesNotContain(SECRET);
        }
    }

    @Test
    void halfAKeyPairIsReportedByName() {
        try (S3ArtifactStore store = S3ArtifactStore.create(S3Settings.defaults().withEndpoint(URI.create("http://127.0.0.1:1")),
                Map.of("AWS_ACCESS_KEY_ID", "AKIDX"))) {
            ArtifactStoreException e = catchThrowableOfType(ArtifactStoreException.class,
                    () -> store.fingerprint("s3://bucket/model"));

            assertThat(e).hasMessageContaining("AWS_SECRET_ACCESS_KEY is not set but AWS_ACCESS_KEY_ID is");
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
