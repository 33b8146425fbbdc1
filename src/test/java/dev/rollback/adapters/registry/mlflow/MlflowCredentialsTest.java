package dev.rollback.adapters.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rollback.adapters.registry.mlflow.StandInServer.Answer;
import dev.rollback.core.registry.RegistryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.creds.MlflowHostCreds;

/** The Python client's credential precedence, and what actually goes over the wire. */
class MlflowCredentialsTest {

    private static final String HOST = "https://mlflow.example";
    private static final String PASSWORD = "s3cret-pa55";
    private static final String TOKEN = "tok-0123456789";

    private static MlflowHostCreds creds(Map<String, String> env, Path tokenFile) {
        return MlflowCredentials.fromEnvironment(HOST, env, MlflowCredentials.TOKEN_ENV,
                MlflowCredentials.USERNAME_ENV, MlflowCredentials.PASSWORD_ENV, tokenFile, false);
    }

    @Test
    void basicWinsOverTokenWhenUsernameAndPasswordAreSet() {
        MlflowHostCreds c = creds(Map.of("MLFLOW_TRACKING_USERNAME", "oncall", "MLFLOW_TRACKING_PASSWORD", PASSWORD,
                "MLFLOW_TRACKING_TOKEN", TOKEN), null);
        assertThat(MlflowCredentials.authorizationHeader(c)).contains("Basic "
                + Base64.getEncoder().encodeToString(("oncall:" + PASSWORD).getBytes()));
        assertThat(MlflowCredentials.describe(c)).isEqualTo("basic auth as oncall");
    }

    @Test
    void tokenFromTheVariableBeatsTheTokenFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "  file-token\n");
        assertThat(MlflowCredentials.authorizationHeader(creds(Map.of("MLFLOW_TRACKING_TOKEN", TOKEN), file)))
                .contains("Bearer " + TOKEN);
        assertThat(MlflowCredentials.authorizationHeader(creds(Map.of(), file))).contains("Bearer file-token");
        assertThat(MlflowCredentials.authorizationHeader(creds(Map.of(), dir.resolve("absent")))).isEmpty();
        assertThat(MlflowCredentials.authorizationHeader(creds(Map.of("MLFLOW_TRACKING_TOKEN", " "), null))).isEmpty();
    }

    @Test
    void usernameWithoutPasswordNamesBothVariables() {
        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> creds(Map.of("MLFLOW_TRACKING_USERNAME", "oncall", "MLFLOW_TRACKING_TOKEN", TOKEN), null));
        assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNAUTHENTICATED);
        assertThat(e.getMessage()).contains("MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD")
                .doesNotContain(TOKEN);
    }

    @Test
    void passwordWithoutUsernameNeverPrintsThePassword() {
        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> creds(Map.of("MLFLOW_TRACKING_PASSWORD", PASSWORD), null));
        assertThat(e.getMessage()).contains("MLFLOW_TRACKING_PASSWORD is set but MLFLOW_TRACKING_USERNAME is not")
                .doesNotContain(PASSWORD);
    }

    @Test
    void insecureTlsFromTheVariableOrTheFlag() {
        assertThat(creds(Map.of("MLFLOW_TRACKING_INSECURE_TLS", "true"), null).shouldIgnoreTlsVerification()).isTrue();
        assertThat(creds(Map.of("MLFLOW_TRACKING_INSECURE_TLS", "false"), null).shouldIgnoreTlsVerification()).isFalse();
        assertThat(MlflowCredentials.fromEnvironment(HOST, Map.of(), MlflowCredentials.TOKEN_ENV,
                MlflowCredentials.USERNAME_ENV, MlflowCredentials.PASSWORD_ENV, null, true)
                .shouldIgnoreTlsVerification()).isTrue();
    }

    @Test
    void basicHeaderGoesOverTheWireAndTheSecretStaysOutOfMessages() throws Exception {
        // stand-in for an auth-enabled server that rejects this user
        try (StandInServer server = new StandInServer(Answer.json(401,
                "{\"error_code\":\"UNAUTHENTICATED\",\"message\":\"Incorrect credentials\"}"))) {
            MlflowHostCreds c = MlflowCredentials.fromEnvironment(server.uri(), Map.of(
                    "MLFLOW_TRACKING_USERNAME", "oncall", "MLFLOW_TRACKING_PASSWORD", PASSWORD,
                    "MLFLOW_TRACKING_TOKEN", TOKEN));
            MlflowRegistry registry = new MlflowRegistry(server.uri(), Duration.ofSeconds(5), c);
            RegistryException e = catchThrowableOfType(RegistryException.class, () -> registry.getModel("m"));
            assertThat(server.seen.get(0).authorization())
                    .isEqualTo("Basic " + Base64.getEncoder().encodeToString(("oncall:" + PASSWORD).getBytes()));
            assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNAUTHENTICATED);
            String everything = e.getMessage() + e.registryUri() + registry + registry.location() + c;
            assertThat(everything).doesNotContain(PASSWORD).doesNotContain(TOKEN)
                    .doesNotContain(Base64.getEncoder().encodeToString(("oncall:" + PASSWORD).getBytes()));
        }
    }

    @Test
    void bearerHeaderGoesOverTheWire() throws Exception {
        try (StandInServer server = new StandInServer(Answer.json(200, "{\"run\":{\"data\":{}}}"))) {
            MlflowHostCreds c = MlflowCredentials.fromEnvironment(server.uri(), Map.of("MLFLOW_TRACKING_TOKEN", TOKEN));
            assertThat(new MlflowRegistry(server.uri(), Duration.ofSeconds(5), c).runMetrics("r1")).isEmpty();
            assertThat(server.seen.get(0).authorization()).isEqualTo("Bearer " + TOKEN);
        }
    }

    @Test
    void credentialsInTheUriNeverReachMessages() {
        MlflowRegistry registry = new MlflowRegistry("http://oncall:" + PASSWORD + "@127.0.0.1:1/", Duration.ofSeconds(1),
                null);
        assertThat(registry.location()).isEqualTo("http://127.0.0.1:1");
        RegistryException e = catchThrowableOfType(RegistryException.class, () -> registry.getModel("m"));
        assertThat(e.getMessage() + e.registryUri()).doesNotContain(PASSWORD);
    }
}
