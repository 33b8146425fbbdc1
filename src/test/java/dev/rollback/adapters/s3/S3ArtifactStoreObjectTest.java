package dev.rollback.adapters.s3;

import dev.rollback.core.artifacts.ArtifactFingerprint;
import dev.rollback.testsupport.s3.S3Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Single objects against a real S3-compatible server (moto). */
class S3ArtifactStoreObjectTest {

    private final S3Server s3 = S3Server.shared();
    private final String bucket = s3.freshBucket("object");
    private final S3ArtifactStore store = MotoStores.store(s3);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anObjectIsFingerprintedByItsEtagAndSize() {
        String etag = s3.putObject(bucket, "models/model.onnx", "weights-v1");

        ArtifactFingerprint fp = store.fingerprint("s3://" + bucket + "/models/model.onnx").orElseThrow();

        assertThat(fp.uri()).isEqualTo("s3://" + bucket + "/models/model.onnx");
        assertThat(fp.digest()).isEqualTo(etag).doesNotContain("\"");
        assertThat(fp.objects()).isEqualTo(1);
        assertThat(fp.bytes()).isEqualTo("weights-v1".length());
        assertThat(store.requestCount()).as("one HEAD, no listing").isEqualTo(1);
    }

    @Test
    void overwritingTheObjectChangesTheDigest() {
        s3.putObject(bucket, "m.bin", "v1");
        String before = store.fingerprint("s3://" + bucket + "/m.bin").orElseThrow().digest();

        s3.putObject(bucket, "m.bin", "v2");

        assertThat(store.fingerprint("s3://" + bucket + "/m.bin").orElseThrow().digest()).isNotEqualTo(before);
    }

    @Test
    void aMissingObjectIsEmptyNotAnError() {
        s3.putObject(bucket, "other", "x");

        assertThat(store.fingerprint("s3://" + bucket + "/gone/model.pkl")).isEmpty();
        assertThat(store.fingerprint("s3://" + bucket + "/gone/")).isEmpty();
    }

    @Test
    void mlflowsEndpointVariableIsUsedWhenNoEndpointIsConfigured() {
        s3.putObject(bucket, "via-env", "abc");
        // No endpoint in settings: only MLFLOW_S3_ENDPOINT_URL in the env map points at moto.
        try (S3ArtifactStore fromEnv = S3ArtifactStore.create(S3Settings.defaults(), s3.env())) {
            assertThat(fromEnv.endpoint()).isEqualTo(s3.endpoint());
            assertThat(fromEnv.fingerprint("s3://" + bucket + "/via-env")).get()
                    .extracting(ArtifactFingerprint::bytes).isEqualTo(3L);
        }
    }

    @Test
    void handlesOnlyS3Uris() {
        assertThat(store.handles("s3://b/k")).isTrue();
        assertThat(store.handles("S3://b/k")).isTrue();
        assertThat(store.handles("gs://b/k")).isFalse();
        assertThat(store.handles("models:/m/1")).isFalse();
        assertThat(store.handles(null)).isFalse();
        assertThat(S3ArtifactStore.create(null, Map.of()).handles("s3://x")).isTrue();
    }
}
