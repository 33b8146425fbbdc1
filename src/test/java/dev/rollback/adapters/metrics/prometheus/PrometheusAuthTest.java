package dev.rollback.adapters.metrics.prometheus;

import dev.rollback.config.MetricsConfig;
import dev.rollback.core.metrics.MetricsException;
import dev.rollback.core.metrics.MetricsException.Kind;
import dev.rollback.testsupport.prometheus.BasicAuthUser;
import dev.rollback.testsupport.prometheus.PrometheusServer;
import dev.rollback.testsupport.prometheus.Series;
import dev.rollback.testsupport.prometheus.Timeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A real Prometheus requiring HTTP basic auth ({@code --web.config.file}): the Authorization value comes from the
 * variable or file the config names, is sent verbatim, and never shows up in a message.
 */
class PrometheusAuthTest {

    private static final Timeline T = Timeline.hoursAgo(3);
    private static final BasicAuthUser USER = BasicAuthUser.TEST;
    private static final String WRONG_PASSWORD = "wrong-password-5d2e";

    @TempDir
    static Path dir;
    static PrometheusServer prometheus;

    @BeforeAll
    static void start() {
        prometheus = PrometheusServer.builder(dir.resolve("prometheus")).basicAuth(USER)
                .backfill(Series.gauge("recsys_diversity").every(Duration.ofMinutes(1), T.minute(0), T.minute(60),
                        at -> 0.73))
                .start();
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void theHeaderFromTheVariableIsSentVerbatim() {
        PrometheusMetricsSource source = create("PROM_AUTH", null, Map.of("PROM_AUTH", USER.authorization()));
        assertThat(source.instant("recsys_diversity", T.minute(30))).hasValue(0.73);
    }

    @Test
    void theHeaderFromTheFileIsTrimmed() throws IOException {
        Path file = Files.writeString(dir.resolve("prom-auth"), "\n" + USER.authorization() + "  \n");
        assertThat(create(null, file, Map.of()).instant("recsys_diversity", T.minute(30))).hasValue(0.73);
    }

    @Test
    void theVariableWinsOverTheFileWhenSet() throws IOException {
        Path wrongFile = Files.writeString(dir.resolve("wrong-auth"), basic(WRONG_PASSWORD));
        assertThat(create("PROM_AUTH", wrongFile, Map.of("PROM_AUTH", USER.authorization()))
                .instant("recsys_diversity", T.minute(30))).hasValue(0.73);
        MetricsException e = failure(() -> create("PROM_AUTH", wrongFile, Map.of()).instant("recsys_diversity",
                T.minute(30)));
        assertThat(e.getMessage()).as("unset variable: the file is used").contains("file " + wrongFile);
    }

    @Test
    void aWrongPasswordIsAuthWithoutTheSecret() {
        String header = basic(WRONG_PASSWORD);
        MetricsException e = failure(() -> create("PROM_AUTH", null, Map.of("PROM_AUTH", header))
                .instant("recsys_diversity", T.minute(30)));
        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).isEqualTo("Prometheus at " + prometheus.uri() + " refused the request (401): check"
                + " the Authorization value in $PROM_AUTH");
        assertThat(e.getMessage()).doesNotContain(WRONG_PASSWORD).doesNotContain(header.substring("Basic ".length()));
    }

    @Test
    void noHeaderIsAuthSayingWhereToPutOne() {
        MetricsException e = failure(() -> create(null, null, Map.of()).instant("recsys_diversity", T.minute(30)));
        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).contains("(401)").contains("metrics.authorizationEnv");
    }

    @Test
    void aTokenWithoutItsSchemeGetsAHint() {
        String token = "c2VjcmV0LXRva2VuLXdpdGhvdXQtc2NoZW1l";
        MetricsException e = failure(() -> create("PROM_AUTH", null, Map.of("PROM_AUTH", token))
                .instant("recsys_diversity", T.minute(30)));
        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).contains("needs its scheme, like 'Bearer <token>'").doesNotContain(token);
    }

    @Test
    void anUnsetVariableFailsAtCreationNamingIt() {
        MetricsException e = failure(() -> create("PROM_AUTH", null, Map.of("OTHER", "x")));
        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).isEqualTo("environment variable PROM_AUTH (metrics.authorizationEnv) is not set; set"
                + " it to the Authorization header value for Prometheus, e.g. 'Bearer <token>'");
    }

    @Test
    void aMissingOrEmptyFileFailsAtCreationNamingIt() throws IOException {
        Path missing = dir.resolve("no-such-file");
        MetricsException e = failure(() -> create(null, missing, Map.of()));
        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).startsWith("file " + missing + " (metrics.authorizationFile) does not exist;");
        Path empty = Files.writeString(dir.resolve("empty-auth"), " \n");
        assertThat(failure(() -> create("PROM_AUTH", empty, Map.of())).getMessage())
                .startsWith("environment variable PROM_AUTH is not set and file " + empty + " (metrics.authorizationFile)"
                        + " is empty;");
    }

    @Test
    void aValueWithALineBreakIsRefusedWithoutQuotingIt() {
        MetricsException e = failure(() -> create("PROM_AUTH", null, Map.of("PROM_AUTH", "Bearer abc\nX-Evil: 1")));
        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).contains("environment variable PROM_AUTH").contains("line break")
                .doesNotContain("abc");
    }

    private static PrometheusMetricsSource create(String env, Path file, Map<String, String> environment) {
        MetricsConfig config = MetricsConfigs.config(prometheus.uri(), env, file, MetricsConfig.DEFAULT_TIMEOUT);
        return PrometheusMetricsSource.create(config, environment);
    }

    private static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString((USER.name() + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static MetricsException failure(Runnable call) {
        MetricsException e = catchThrowableOfType(MetricsException.class, call::run);
        assertThat(e).as("a MetricsException").isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(USER.password())
                .doesNotContain(USER.authorization().substring("Basic ".length()));
        return e;
    }
}
