package dev.rollback.adapters.s3;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys come from the env vars the settings name. moto accepts any key, so a canned endpoint shows
 * which access key id the requests were signed with (the Authorization header names it).
 */
class S3ArtifactStoreCredentialsTest {

    private static final String SECRET = "s3cr3t-value-never-printed";

    @Test
    void theNamedVariablesAreUsedNotTheAwsDefaults() throws IOException {
        Map<String, String> env = Map.of(
                "AWS_ACCESS_KEY_ID", "AKIDWRONG", "AWS_SECRET_ACCESS_KEY", "wrong",
                "TEAM_S3_KEY", "AKIDTEAM", "TEAM_S3_SECRET", SECRET, "TEAM_S3_TOKEN", "session-token-1");
        try (FakeS3 fake = new FakeS3(404);
             S3ArtifactStore store = S3ArtifactStore.create(S3Settings.defaults().withEndpoint(fake.endpoint())
                     .withCredentialEnv("TEAM_S3_KEY", "TEAM_S3_SECRET", "TEAM_S3_TOKEN"), env)) {

            assertThat(store.fingerprint("s3://bucket/model")).isEmpty();

            assertThat(fake.authorizations).hasSize(2) // HEAD 404, then an empty listing
                    .allSatisfy(a -> assertThat(a).contains("Credential=AKIDTEAM/").doesNotContain(SECRET));
            assertThat(fake.sessionTokens).containsOnly("session-token-1");
            assertThat(store.credentialSource()).isEqualTo("env TEAM_S3_KEY/TEAM_S3_SECRET/TEAM_S3_TOKEN");
        }
    }

    @Test
    void toStringNamesEndpointAndVariablesButNoValues() {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKIDVISIBLE", "AWS_SECRET_ACCESS_KEY", SECRET,
                "AWS_SESSION_TOKEN", "tok-secret", "MLFLOW_S3_ENDPOINT_URL", "http://minio.internal:9000");
        S3ArtifactStore store = S3ArtifactStore.create(S3Settings.defaults(), env);

        assertThat(store.toString()).contains("http://minio.internal:9000")
                .contains("AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN")
                .doesNotContain(SECRET).doesNotContain("tok-secret").doesNotContain("AKIDVISIBLE");
        assertThat(S3Settings.defaults().toString()).doesNotContain(SECRET);
    }

    @Test
    void withoutTheVariablesTheSdkDefaultChainIsUsed() {
        S3ArtifactStore store = S3ArtifactStore.create(S3Settings.defaults(), Map.of("AWS_REGION", "eu-west-1"));

        assertThat(store.credentialSource()).startsWith("the AWS default credential chain");
        assertThat(store.endpoint()).isNull();
        assertThat(store.toString()).contains("AWS S3 (eu-west-1)");
    }
}
