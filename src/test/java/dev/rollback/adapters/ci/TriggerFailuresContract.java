package dev.rollback.adapters.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rollback.config.CiConfig;
import dev.rollback.core.retrain.CiException;
import dev.rollback.core.retrain.CiException.Kind;
import dev.rollback.core.retrain.CiSystem;
import dev.rollback.core.retrain.PipelineRun;
import dev.rollback.core.retrain.RequestPreview;
import dev.rollback.core.retrain.RetrainParameters;
import dev.rollback.testsupport.ci.CiTestRuntime;
import dev.rollback.testsupport.ci.RecordingSleeper;
import dev.rollback.testsupport.ci.Reply;
import dev.rollback.testsupport.ci.StandInServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every CI adapter's trigger must do the same way, run against each system's stand-in by a
 * subclass: status mapping to AUTH/NOT_FOUND/REJECTED/UNAVAILABLE, the retry policy (429 with
 * Retry-After, 502/503/504 with 1-2-4 s backoff, never a 500 or a timeout on the POST), token masking,
 * and where tokens come from. The stand-in's own checks must hold throughout ({@link #stopAndCheckNoViolations}).
 */
public abstract class TriggerFailuresContract {

    protected static final String TOKEN_ENV = "CI_TOKEN_FOR_TEST";
    protected static final RetrainParameters PARAMETERS =
            new RetrainParameters("recsys-ranker", "ds-2024-05-01", "v1.4.2", true, "rb-20250101-7f3a");

    protected final RecordingSleeper sleeper = new RecordingSleeper();

    /** The system's stand-in, started by the subclass. */
    protected abstract StandInServer server();

    /** The token the stand-in accepts. */
    protected abstract String token();

    /** The system's config at {@code url} with the token from variable tokenEnv or file tokenFile. */
    protected abstract CiConfig config(URI url, String tokenEnv, Path tokenFile);

    /** The raw path the trigger POSTs to. */
    protected abstract String triggerPath();

    /** Words the NOT_FOUND message must contain (the project, repository, job...). */
    protected abstract String notFoundSubject();

    protected CiSystem system() {
        return system(CiTestRuntime.with(sleeper));
    }

    protected CiSystem system(CiRuntime runtime) {
        return CiSystems.create(config(server().uri(), TOKEN_ENV, null), Map.of(TOKEN_ENV, token()), null, runtime);
    }

    private List<?> triggers() {
        return server().requests("POST", triggerPath());
    }

    private CiException triggerFails(CiSystem system) {
        Throwable thrown = catchThrowable(() -> system.trigger(PARAMETERS));
        assertThat(thrown).isInstanceOf(CiException.class);
        CiException e = (CiException) thrown;
        assertThat(e.getMessage()).doesNotContain(token()).doesNotContain("\n");
        return e;
    }

    @AfterEach
    void stopAndCheckNoViolations() {
        server().close();
        assertThat(server().violations()).isEmpty();
    }

    @Test
    void aRejectedTokenIsAuthInOneLineWithoutTheToken() {
        server().script("POST", triggerPath(), Reply.json(401, "{\"message\":\"Bad credentials for " + token() + "\"}"));
        CiException e = triggerFails(system());
        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).contains("(401)").contains("check it is valid");
        assertThat(triggers()).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void forbiddenIsAuthToo() {
        server().script("POST", triggerPath(), Reply.json(403, "{\"message\":\"Resource not accessible by integration\"}"));
        CiException e = triggerFails(system());
        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).contains("(403)").contains("Resource not accessible by integration");
    }

    @Test
    void notFoundNamesWhatIsMissing() {
        server().script("POST", triggerPath(), Reply.json(404, "{\"message\":\"Not Found\"}"));
        CiException e = triggerFails(system());
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains(notFoundSubject());
    }

    @Test
    void aRefusalCarriesTheSystemsOwnMessageOnOneLineWithoutSecrets() {
        String chatty = "{\"message\":\"Invalid request.\\n\\nInput 'extra' for " + token() + " is not declared " + "x".repeat(400) + "\"}";
        server().script("POST", triggerPath(), Reply.json(422, chatty));
        CiException e = triggerFails(system());
        assertThat(e.kind()).isEqualTo(Kind.REJECTED);
        assertThat(e.getMessage()).contains("(422)").contains("Invalid request. Input 'extra' for *** is not declared")
                .hasSizeLessThan(300);
    }

    @Test
    void waitsAsRetryAfterSecondsSaysThenSucceeds() {
        server().script("POST", triggerPath(), Reply.json(429, "{\"message\":\"slow down\"}").header("Retry-After", "7"));
        PipelineRun run = system().trigger(PARAMETERS);
        assertThat(run.id()).isNotBlank();
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
        assertThat(triggers()).hasSize(2);
    }

    @Test
    void waitsAsRetryAfterHttpDateSays() {
        Instant now = Instant.parse("2030-01-02T03:04:05Z");
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30).atOffset(ZoneOffset.UTC));
        server().script("POST", triggerPath(), Reply.json(429, "{}").header("Retry-After", date));
        system(CiTestRuntime.with(sleeper, Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(5))).trigger(PARAMETERS);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void aRetryAfterBeyondTheCapFailsAtOnceSayingWhen() {
        server().script("POST", triggerPath(), Reply.json(429, "{}").header("Retry-After", "3600"));
        CiException e = triggerFails(system());
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("3600 s");
        assertThat(sleeper.waits()).isEmpty();
        assertThat(triggers()).hasSize(1);
    }

    @Test
    void gatewayErrorsAreRetriedWithBackoff() {
        server().script("POST", triggerPath(), Reply.json(502, "{}"), Reply.json(504, "{}"));
        system().trigger(PARAMETERS);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(triggers()).hasSize(3);
    }

    @Test
    void still503AfterFourAttemptsIsUnavailable() {
        Reply unavailable = Reply.json(503, "{\"message\":\"maintenance\"}");
        server().script("POST", triggerPath(), unavailable, unavailable, unavailable, unavailable, unavailable);
        CiException e = triggerFails(system());
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("still answered 503 after 4 attempts");
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(triggers()).hasSize(4);
    }

    @Test
    void a500OnTheTriggerIsNotRetriedBecauseItMayHaveStartedAPipeline() {
        server().script("POST", triggerPath(), Reply.json(500, "{\"message\":\"boom\"}"));
        CiException e = triggerFails(system());
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("500").contains("not retried");
        assertThat(triggers()).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aTriggerThatTimesOutIsNotRetried() {
        server().script("POST", triggerPath(), Reply.json(503, "{}").after(Duration.ofMillis(1500)));
        CiException e = triggerFails(system(CiTestRuntime.with(sleeper, Clock.systemUTC(), Duration.ofMillis(400))));
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("no answer within").contains("not retried");
        assertThat(triggers()).hasSize(1);
    }

    @Test
    void connectionRefusedIsRetriedThenUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
        CiSystem system = CiSystems.create(config(nowhere, TOKEN_ENV, null), Map.of(TOKEN_ENV, token()), null,
                CiTestRuntime.with(sleeper));
        CiException e = triggerFails(system);
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("connection refused").contains("after 4 attempts");
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void thePreviewMasksTheTokenAndSendsNothing() {
        RequestPreview preview = system().preview(PARAMETERS);
        String all = preview.method() + " " + preview.url() + "\n" + String.join("\n", preview.headers()) + "\n" + preview.body();
        assertThat(all).doesNotContain(token()).contains("***").contains("rb-20250101-7f3a");
        assertThat(preview.method()).isEqualTo("POST");
        assertThat(URI.create(preview.url()).getRawPath()).isEqualTo(triggerPath());
        assertThat(server().requests()).isEmpty();
    }

    @Test
    void thePreviewNeedsNoToken() {
        CiSystem system = CiSystems.create(config(server().uri(), TOKEN_ENV, null), Map.of(), null, CiTestRuntime.with(sleeper));
        assertThat(system.preview(PARAMETERS).toString()).contains("***");
        assertThat(system.describe()).isNotBlank();
    }

    @Test
    void aMissingVariableIsAuthNamingItAndNothingIsSent() {
        CiSystem system = CiSystems.create(config(server().uri(), TOKEN_ENV, null), Map.of(), null, CiTestRuntime.with(sleeper));
        CiException e = triggerFails(system);
        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).contains("environment variable " + TOKEN_ENV + " is not set").contains("tokenFile");
        assertThat(server().requests()).isEmpty();
    }

    @Test
    void readsATokenFileRelativeToTheConfigDirectoryTrimmed(@TempDir Path configDir) throws IOException {
        Files.createDirectories(configDir.resolve("secrets"));
        Files.writeString(configDir.resolve("secrets/ci-token"), "  " + token() + "\n");
        CiSystem system = CiSystems.create(config(server().uri(), null, Path.of("secrets/ci-token")), Map.of(), configDir,
                CiTestRuntime.with(sleeper));
        assertThat(system.trigger(PARAMETERS).id()).isNotBlank();
    }

    @Test
    void aMissingTokenFileIsAuthNamingTheResolvedPath(@TempDir Path configDir) {
        CiSystem system = CiSystems.create(config(server().uri(), null, Path.of("secrets/none")), Map.of(), configDir,
                CiTestRuntime.with(sleeper));
        CiException e = triggerFails(system);
        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).contains(configDir.resolve("secrets/none").toString()).contains("does not exist");
    }

    @Test
    void noTokenInToStringOrDescribe() {
        CiSystem system = system();
        system.trigger(PARAMETERS);
        assertThat(system.toString()).doesNotContain(token());
        assertThat(system.describe()).doesNotContain(token());
    }
}
