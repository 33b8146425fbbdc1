package dev.rollback.config;

import dev.rollback.core.metrics.Signal;
import static dev.rollback.config.ConfigFixtures.MINIMAL;
import static dev.rollback.config.ConfigFixtures.load;
import static dev.rollback.config.ConfigFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private static String example() throws IOException {
        try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("/rollback.example.yaml")) {
            assertThat(in).as("rollback.example.yaml on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void exampleFileLoadsWithTheLocalDefaultUri() throws IOException {
        Path file = write(dir, "rollback.yaml", example());
        RollbackConfig config = ConfigLoader.load(file, Map.of());

        assertThat(config.source()).isEqualTo(file);
        assertThat(config.registries()).containsOnlyKeys("default");
        assertThat(config.registries().get("default")).isEqualTo(new RegistryConfig("default", "mlflow",
                URI.create("http://127.0.0.1:5000"), Duration.ofSeconds(10),
                new CredentialsConfig("MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD",
                        null),
                false, null));
        assertThat(config.services()).containsOnlyKeys("recsys");
        assertThat(config.services().get("recsys")).isEqualTo(new ServiceConfig("recsys", "default",
                new ModelConfig("homepage-recsys", "diversity"), new LiveConfig("champion", "Production"),
                new BaselineConfig("rollback.healthy_baseline", "true"), Map.of(), Map.of(), Map.of(), Map.of(), Map.of()));
    }

    @Test
    void exampleFileTakesTheTrackingUriFromTheMlflowVariable() throws IOException {
        RollbackConfig config = load(dir, example(), Map.of("MLFLOW_TRACKING_URI", "https://mlflow.prod.internal"));

        assertThat(config.registries().get("default").trackingUri()).isEqualTo(URI.create("https://mlflow.prod.internal"));
    }

    @Test
    void defaultsAreAppliedToAMinimalFile() {
        RollbackConfig config = load(dir, MINIMAL);

        RegistryConfig registry = config.registries().get("default");
        assertThat(registry.type()).isEqualTo("mlflow");
        assertThat(registry.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(registry.insecureTls()).isFalse();
        assertThat(registry.caCertPath()).isNull();
        assertThat(registry.credentials()).isEqualTo(new CredentialsConfig("MLFLOW_TRACKING_TOKEN",
                "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD", null));
        ServiceConfig service = config.services().get("recsys");
        assertThat(service.registry()).isEqualTo("default");
        assertThat(service.model()).isEqualTo(new ModelConfig("homepage-recsys", null));
        assertThat(service.live()).isEqualTo(new LiveConfig("champion", null));
        assertThat(service.baseline()).isEqualTo(new BaselineConfig("rollback.healthy_baseline", "true"));
        assertThat(List.of(service.serving(), service.features(), service.ci(), service.metrics(), service.drill()))
                .allSatisfy(m -> assertThat(m).isEmpty());
    }

    @Test
    void everyRegistrySettingIsBound() {
        RollbackConfig config = load(dir, """
                registries:
                  prod:
                    type: mlflow
                    trackingUri: https://mlflow.example.com/
                    timeout: 500ms
                    insecureTls: true
                    caCertPath: /etc/ssl/mlflow.pem
                    credentials:
                      tokenEnv: PROD_TOKEN
                      usernameEnv: PROD_USER
                      passwordEnv: PROD_PASS
                      tokenFile: secrets/token
                services:
                  recsys:
                    model: {name: m}
                """);

        assertThat(config.registries().get("prod")).isEqualTo(new RegistryConfig("prod", "mlflow",
                URI.create("https://mlflow.example.com/"), Duration.ofMillis(500),
                new CredentialsConfig("PROD_TOKEN", "PROD_USER", "PROD_PASS", dir.resolve("secrets/token")),
                true, Path.of("/etc/ssl/mlflow.pem")));
    }

    @Test
    void durationsInEveryUnit() {
        for (var c : Map.of("500ms", Duration.ofMillis(500), "10s", Duration.ofSeconds(10),
                "2m", Duration.ofMinutes(2), "1h", Duration.ofHours(1)).entrySet()) {
            RollbackConfig config = load(dir, MINIMAL.replace("trackingUri: http://mlflow:5000",
                    "trackingUri: http://mlflow:5000\n    timeout: " + c.getKey()));
            assertThat(config.registries().get("default").timeout()).as(c.getKey()).isEqualTo(c.getValue());
        }
    }

    @Test
    void liveAliasCanBeDisabledWhenAStageIsSet() {
        for (String disabled : List.of("null", "\"\"", "~")) {
            RollbackConfig config = load(dir, MINIMAL + "    live:\n      alias: " + disabled + "\n      stage: Staging\n");
            assertThat(config.services().get("recsys").live()).as(disabled).isEqualTo(new LiveConfig(null, "Staging"));
        }
    }

    @Test
    void stageIsCaseInsensitiveAndCanonicalised() {
        RollbackConfig config = load(dir, MINIMAL + "    live:\n      stage: production\n");

        assertThat(config.services().get("recsys").live()).isEqualTo(new LiveConfig("champion", "Production"));
    }

    @Test
    void baselineTagIsSplitAtTheFirstEquals() {
        RollbackConfig config = load(dir, MINIMAL + "    baseline:\n      tag: team.known_good=yes=really\n");

        assertThat(config.services().get("recsys").baseline()).isEqualTo(new BaselineConfig("team.known_good", "yes=really"));
    }

    @Test
    void mapsKeepFileOrder() {
        RollbackConfig config = load(dir, """
                registries:
                  zeta: {trackingUri: http://z}
                  alpha: {trackingUri: http://a}
                services:
                  web: {registry: zeta, model: {name: w}}
                  api: {registry: alpha, model: {name: a}}
                  batch: {registry: zeta, model: {name: b}}
                """);

        assertThat(config.registries().keySet()).containsExactly("zeta", "alpha");
        assertThat(config.services().keySet()).containsExactly("web", "api", "batch");
        assertThat(config.services().get("api").registry()).isEqualTo("alpha");
    }

    @Test
    void theOnlyRegistryIsSelectedAutomatically() {
        RollbackConfig config = load(dir, """
                registries:
                  central: {trackingUri: http://mlflow}
                services:
                  recsys: {model: {name: m}}
                  search: {model: {name: s}}
                """);

        assertThat(config.services().values()).extracting(ServiceConfig::registry).containsExactly("central", "central");
    }

    @Test
    void interpolationWithDefaultsAndEscapes() {
        RollbackConfig config = load(dir, """
                registries:
                  default:
                    trackingUri: ${MLFLOW_URI}
                    timeout: ${TIMEOUT:-30s}
                    credentials:
                      tokenEnv: ${TOKEN_VAR:-FALLBACK_TOKEN}
                services:
                  recsys:
                    model:
                      name: ${TEAM}-recsys
                      primaryMetric: cost$$${UNIT:-usd}
                    metrics:
                      prometheus: http://prometheus:9090
                      queries:
                        errorRate: price_usd > $$5
                        diversity: echo $HOME
                """, Map.of("MLFLOW_URI", "https://mlflow.internal:8443", "TEAM", "home", "TOKEN_VAR", ""));

        RegistryConfig registry = config.registries().get("default");
        assertThat(registry.trackingUri()).isEqualTo(URI.create("https://mlflow.internal:8443"));
        assertThat(registry.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(registry.credentials().tokenEnv()).as("empty counts as unset for :-").isEqualTo("FALLBACK_TOKEN");
        ServiceConfig service = config.services().get("recsys");
        assertThat(service.model()).isEqualTo(new ModelConfig("home-recsys", "cost$usd"));
        assertThat(service.metricsConfig().queries()).containsOnly(entry(Signal.ERROR_RATE, "price_usd > $5"),
                entry(Signal.DIVERSITY, "echo $HOME"));
    }

    @Test
    void reservedSectionsKeepTheirStructureAndYamlTypes() {
        RollbackConfig config = load(dir, MINIMAL + """
                    drill:
                      version: ${REPLICAS:-3}
                      syntheticBreach: true
                      budget: 2m
                    metrics:
                      prometheus: http://prometheus:9090
                      queries: {errorRate: e}
                      thresholds: {errorRate: 0.5, regressionPercent: "3"}
                    features: {repo: "${REPO:-/srv/features}", paths: [pipeline/]}
                    ci:
                """, Map.of());

        ServiceConfig service = config.services().get("recsys");
        assertThat(service.drill()).containsExactly(entry("version", 3), entry("syntheticBreach", true),
                entry("budget", "2m"));
        assertThat(service.drillConfig()).isEqualTo(new DrillConfig("3", true, Duration.ofMinutes(2),
                DrillConfig.DEFAULT_DETECT_TIMEOUT));
        assertThat(service.metrics().get("thresholds")).isEqualTo(Map.of("errorRate", 0.5, "regressionPercent", "3"));
        assertThat(service.metricsConfig().thresholds().regressionPercent()).isEqualTo(3.0);
        assertThat(service.features()).containsExactly(entry("repo", "/srv/features"), entry("paths", List.of("pipeline/")));
        assertThat(service.ci()).isEmpty();
        assertThat(service.serving()).isEmpty();
    }

    @Test
    void mergeKeysShareSettingsBetweenServices() {
        RollbackConfig config = load(dir, """
                registries:
                  default: {trackingUri: http://mlflow}
                services:
                  base: &base
                    model: {name: shared-model}
                    live: {stage: Production, alias: null}
                  recsys:
                    <<: *base
                    live: {alias: prod}
                """);

        assertThat(config.services().get("base").live()).isEqualTo(new LiveConfig(null, "Production"));
        assertThat(config.services().get("recsys").model()).isEqualTo(new ModelConfig("shared-model", null));
        assertThat(config.services().get("recsys").live()).as("explicit keys win over merged ones")
                .isEqualTo(new LiveConfig("prod", null));
    }

    @Test
    void theResultIsImmutable() {
        RollbackConfig config = load(dir, MINIMAL);

        assertThatThrownBy(() -> config.services().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.services().get("recsys").serving().put("a", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parseUsesTheGivenNameInMessagesAndTheEnvMap() {
        RollbackConfig config = ConfigLoader.parse(MINIMAL.replace("http://mlflow:5000", "${U}"), Path.of("inline.yaml"),
                Map.of("U", "http://from-env"));

        assertThat(config.source()).isEqualTo(Path.of("inline.yaml"));
        assertThat(config.registries().get("default").trackingUri()).isEqualTo(URI.create("http://from-env"));
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        RollbackConfig config = load(dir, "\uFEFF" + MINIMAL);

        assertThat(config.services()).containsOnlyKeys("recsys");
    }

    @Test
    void s3AndJournalMirrorAreOptionalAndBound() {
        RollbackConfig plain = load(dir, MINIMAL);
        assertThat(plain.s3()).isEqualTo(S3Config.defaults());
        assertThat(plain.journal().mirror()).isNull();

        RollbackConfig config = load(dir, MINIMAL + """
                s3:
                  endpoint: http://minio.ml-ops:9000
                  region: eu-west-1
                  pathStyle: true
                  accessKeyEnv: MINIO_ACCESS_KEY
                  secretKeyEnv: MINIO_SECRET_KEY
                journal:
                  mirror: s3://ml-ops/rollback/journals
                """);

        assertThat(config.s3()).isEqualTo(new S3Config(URI.create("http://minio.ml-ops:9000"), "eu-west-1", true,
                "MINIO_ACCESS_KEY", "MINIO_SECRET_KEY", "AWS_SESSION_TOKEN"));
        assertThat(config.journal().mirror()).isEqualTo(URI.create("s3://ml-ops/rollback/journals"));
    }
}
