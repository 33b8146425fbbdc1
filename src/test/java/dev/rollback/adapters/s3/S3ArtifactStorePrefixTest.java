package dev.rollback.adapters.s3;

import dev.rollback.core.artifacts.ArtifactFingerprint;
import dev.rollback.testsupport.s3.S3Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** MLflow model directories (a prefix of several objects) against a real S3-compatible server (moto). */
class S3ArtifactStorePrefixTest {

    private static final Map<String, String> MODEL = Map.of(
            "MLmodel", "flavors:\n  sklearn: {}\n", "model.pkl", "pickled-weights", "requirements.txt", "scikit-learn\n");

    private final S3Server s3 = S3Server.shared();
    private final String bucket = s3.freshBucket("prefix");
    private final String uri = "s3://" + bucket + "/1/run/artifacts/model";
    private final S3ArtifactStore store = MotoStores.store(s3);

    @BeforeEach
    void upload() {
        s3.uploadModel(bucket, "1/run/artifacts/model", MODEL);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String digest() {
        return store.fingerprint(uri).orElseThrow().digest();
    }

    @Test
    void aModelDirectoryCoversEveryFileAndIsStable() {
        ArtifactFingerprint fp = store.fingerprint(uri).orElseThrow();

        assertThat(fp.objects()).isEqualTo(3);
        assertThat(fp.bytes()).isEqualTo(MODEL.values().stream().mapToLong(String::length).sum());
        assertThat(fp.digest()).matches("[0-9a-f]{64}");
        assertThat(digest()).isEqualTo(fp.digest());
    }

    @Test
    void overwritingOneFileInPlaceChangesTheDigest() {
        String before = digest();

        // Same key and same length: only the content (hence the ETag) differs.
        s3.putObject(bucket, "1/run/artifacts/model/model.pkl", "PICKLED-WEIGHTS");

        assertThat(digest()).isNotEqualTo(before);
    }

    @Test
    void addingOrDeletingAFileChangesTheDigest() {
        String original = digest();

        s3.putObject(bucket, "1/run/artifacts/model/extra.json", "{}");
        String added = digest();
        s3.deleteObject(bucket, "1/run/artifacts/model/extra.json");
        s3.deleteObject(bucket, "1/run/artifacts/model/requirements.txt");
        String deleted = digest();

        assertThat(added).isNotEqualTo(original);
        assertThat(deleted).isNotEqualTo(original).isNotEqualTo(added);
        assertThat(store.fingerprint(uri).orElseThrow().objects()).isEqualTo(2);
    }

    @Test
    void aTrailingSlashGivesTheSameFingerprintWithoutTheHead() {
        ArtifactFingerprint plain = store.fingerprint(uri).orElseThrow();
        long afterPlain = store.requestCount();

        ArtifactFingerprint slash = store.fingerprint(uri + "/").orElseThrow();

        assertThat(slash.digest()).isEqualTo(plain.digest());
        assertThat(slash.objects()).isEqualTo(plain.objects());
        assertThat(afterPlain).as("HEAD (404) then one listing").isEqualTo(2);
        assertThat(store.requestCount() - afterPlain).as("a directory URI skips the HEAD").isEqualTo(1);
    }

    @Test
    void aSiblingPrefixIsNotIncluded() {
        String before = digest();

        // "model-2/" starts with "model" but is another directory; so does a file named "model.bak".
        s3.uploadModel(bucket, "1/run/artifacts/model-2", Map.of("MLmodel", "other"));
        s3.putObject(bucket, "1/run/artifacts/model.bak", "old");

        assertThat(digest()).isEqualTo(before);
        assertThat(store.fingerprint(uri).orElseThrow().objects()).isEqualTo(3);
    }

    @Test
    void paginationCoversEveryPageAndGivesTheSameDigest() {
        s3.putObject(bucket, "1/run/artifacts/model/code/a.py", "a");
        s3.putObject(bucket, "1/run/artifacts/model/code/b.py", "b");
        ArtifactFingerprint onePage = store.fingerprint(uri).orElseThrow();

        try (S3ArtifactStore paged = MotoStores.store(s3, 2)) {
            ArtifactFingerprint pages = paged.fingerprint(uri).orElseThrow();

            assertThat(pages).isEqualTo(onePage);
            assertThat(pages.objects()).isEqualTo(5);
            assertThat(paged.requestCount()).as("HEAD + 3 pages of 2").isEqualTo(4);
        }
    }
}
