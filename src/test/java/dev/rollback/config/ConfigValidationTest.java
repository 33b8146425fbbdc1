package dev.rollback.config;

import static dev.rollback.config.ConfigFixtures.MINIMAL;
import static dev.rollback.config.ConfigFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule's exact message and location. Expectations read "line:column: key path: message". */
class ConfigValidationTest {
    private static final String SECRETS =
            "do not put secrets in the config file; name an environment variable with tokenEnv/passwordEnv instead";
    private static final String REGISTRY = """
            registries:
              default:
                trackingUri: http://mlflow:5000
            """;

    @TempDir
    Path dir;

    private List<String> problems(String yaml) {
        return ConfigFixtures.problems(dir, yaml);
    }

    /** MINIMAL plus extra lines for the recsys service (lines 8 onwards, indented 4). */
    private List<String> serviceProblems(String extraServiceLines) {
        return problems(MINIMAL + extraServiceLines);
    }

    @Test
    void problemToStringIsCompilerStyleWithTheFileAsGiven() {
        Path file = write(dir, "rollback.yaml", REGISTRY + "services:\n  recsys:\n    model: {}\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));

        assertThat(e.problems()).containsExactly(
                new ConfigProblem(file, 6, 12, "services.recsys.model.name", "required"));
        assertThat(e.getMessage()).isEqualTo(file + ":6:12: services.recsys.model.name: required");
    }

    @Test
    void emptyFile() {
        assertThat(problems("")).containsExactly("the file is empty");
        assertThat(problems("# nothing here yet\n\n")).containsExactly("the file is empty");
    }

    @Test
    void yamlSyntaxErrorIsOneProblemAtTheErrorPosition() {
        assertThat(problems("""
                registries:
                  default:
                    trackingUri: http://x: y
                """)).containsExactly("3:26: invalid YAML: mapping values are not allowed here");
    }

    @Test
    void tabIndentationIsASyntaxError() {
        List<String> problems = problems("registries:\n\tdefault: {}\n");

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("2:1: invalid YAML: found character '\\t(TAB)' that cannot start any token");
    }

    @Test
    void topLevelMustBeAMapping() {
        assertThat(problems("- registries\n- services\n")).containsExactly(
                "1:1: expected a mapping with 'registries' and 'services' at the top level; got a list");
    }

    @Test
    void missingSectionsAreReportedAtTheParentMapping() {
        assertThat(problems("# comment\nregistries:\n  default: {trackingUri: http://x}\n")).containsExactly(
                "2:1: services: required");
        assertThat(problems("registries: {}\nservices:\n")).containsExactly(
                "1:13: registries: at least one registry is required",
                "2:10: services: at least one service is required");
    }

    @Test
    void unknownKeySuggestsTheClosestValidKey() {
        assertThat(problems(REGISTRY + """
                services:
                  recsys:
                    modle:
                      name: homepage-recsys
                """)).containsExactly(
                "6:5: services.recsys.modle: unknown key; did you mean 'model'?",
                "6:5: services.recsys.model: required");
    }

    @Test
    void unknownKeySuggestionIgnoresCaseAndSeparators() {
        assertThat(problems("""
                registries:
                  default:
                    tracking_uri: http://mlflow:5000
                services:
                  recsys: {model: {name: m}}
                """)).containsExactly(
                "3:5: registries.default.tracking_uri: unknown key; did you mean 'trackingUri'?",
                "3:5: registries.default.trackingUri: required");
    }

    @Test
    void unknownKeyWithoutCloseMatchListsTheValidKeys() {
        assertThat(serviceProblems("    owner: team-recsys\n")).containsExactly(
                "8:5: services.recsys.owner: unknown key; valid keys: registry, model, live, baseline, serving, "
                        + "features, ci, metrics, drill");
        assertThat(problems(MINIMAL + "version: 2\n")).containsExactly(
                "8:1: version: unknown key; valid keys: registries, services, s3, journal");
    }

    @Test
    void duplicateKeys() {
        assertThat(serviceProblems("    model: {name: other}\n")).containsExactly(
                "8:5: services.recsys.model: duplicate key (first defined on line 6)");
    }

    @Test
    void invalidNames() {
        assertThat(problems("""
                registries:
                  Prod:
                    trackingUri: http://mlflow
                services:
                  _recsys:
                    model: {name: m}
                """)).containsExactly(
                "2:3: registries.Prod: invalid registry name 'Prod'; use lowercase letters, digits, '-' and '_', "
                        + "starting with a letter or digit",
                "5:3: services._recsys: invalid service name '_recsys'; use lowercase letters, digits, '-' and '_', "
                        + "starting with a letter or digit");
    }

    @Test
    void registryValueRules() {
        assertThat(problems("""
                registries:
                  default:
                    type: sagemaker
                    trackingUri: mlflow.internal:5000
                    timeout: ten
                    insecureTls: yes
                    credentials:
                      tokenEnv: my token
                services:
                  recsys: {model: {name: m}}
                """)).containsExactly(
                "3:11: registries.default.type: unsupported registry type 'sagemaker'; only 'mlflow' is supported",
                "4:18: registries.default.trackingUri: expected an http or https URI with a host, like "
                        + "http://127.0.0.1:5000; got 'mlflow.internal:5000'",
                "5:14: registries.default.timeout: expected a duration like 10s, 500ms, 2m; got 'ten'",
                "6:18: registries.default.insecureTls: expected true or false; got 'yes'",
                "8:17: registries.default.credentials.tokenEnv: expected an environment variable name like "
                        + "MLFLOW_TRACKING_TOKEN; got 'my token'");
    }

    @Test
    void durationMustBePositiveAndHaveAUnit() {
        assertThat(problems(REGISTRY + "    timeout: 0s\nservices:\n  recsys: {model: {name: m}}\n")).containsExactly(
                "4:14: registries.default.timeout: expected a positive duration like 10s; got '0s'");
        assertThat(problems(REGISTRY + "    timeout: 10\nservices:\n  recsys: {model: {name: m}}\n")).containsExactly(
                "4:14: registries.default.timeout: expected a duration like 10s, 500ms, 2m; got '10'");
    }

    @Test
    void trackingUriRequired() {
        assertThat(problems("""
                registries:
                  default:
                    timeout: 5s
                services:
                  recsys: {model: {name: m}}
                """)).containsExactly("3:5: registries.default.trackingUri: required");
    }

    @Test
    void modelNameRequiredAtTheModelMapping() {
        assertThat(problems(REGISTRY + """
                services:
                  recsys:
                    model:
                      primaryMetric: diversity
                """)).containsExactly("7:7: services.recsys.model.name: required");
        assertThat(problems(REGISTRY + """
                services:
                  recsys:
                    model:
                      name: ""
                """)).containsExactly("7:13: services.recsys.model.name: required");
    }

    @Test
    void wrongShapes() {
        assertThat(problems(REGISTRY + """
                services:
                  recsys:
                    model: homepage-recsys
                    live: [champion]
                    serving: kserve
                """)).containsExactly(
                "6:12: services.recsys.model: expected a mapping; got 'homepage-recsys'",
                "7:11: services.recsys.live: expected a mapping; got a list",
                "8:14: services.recsys.serving: expected a mapping; got 'kserve'");
        assertThat(problems(REGISTRY + "services:\n  recsys:\n    model:\n      name: [a, b]\n")).containsExactly(
                "7:13: services.recsys.model.name: expected a single value; got a list");
    }

    @Test
    void aliasRules() {
        assertThat(serviceProblems("    live: {alias: latest}\n")).containsExactly(
                "8:19: services.recsys.live.alias: alias 'latest' is reserved by MLflow; choose another name");
        assertThat(serviceProblems("    live: {alias: v12}\n")).containsExactly(
                "8:19: services.recsys.live.alias: alias 'v12' is reserved by MLflow (it means version 12); "
                        + "choose another name");
        assertThat(serviceProblems("    live: {alias: \"my champion\"}\n")).containsExactly(
                "8:19: services.recsys.live.alias: invalid alias 'my champion'; use letters, digits, '_' and '-'");
    }

    @Test
    void aliasOrStageMustBeActive() {
        assertThat(serviceProblems("    live:\n      alias: null\n")).containsExactly(
                "9:7: services.recsys.live: set alias or stage, otherwise the live version cannot be found");
        assertThat(serviceProblems("    live: {alias: \"\"}\n")).containsExactly(
                "8:11: services.recsys.live: set alias or stage, otherwise the live version cannot be found");
    }

    @Test
    void stageMustBeStagingOrProduction() {
        assertThat(serviceProblems("    live:\n      stage: Archived\n")).containsExactly(
                "9:14: services.recsys.live.stage: expected Staging or Production; got 'Archived'");
    }

    @Test
    void baselineTagMustBeKeyEqualsValue() {
        assertThat(serviceProblems("    baseline:\n      tag: healthy\n")).containsExactly(
                "9:12: services.recsys.baseline.tag: expected key=value like rollback.healthy_baseline=true; "
                        + "got 'healthy'");
        assertThat(serviceProblems("    baseline: {tag: \"=true\"}\n")).containsExactly(
                "8:21: services.recsys.baseline.tag: expected key=value like rollback.healthy_baseline=true; "
                        + "got '=true'");
    }

    @Test
    void secretsAreRejectedAtAnyLevel() {
        assertThat(problems("""
                registries:
                  default:
                    trackingUri: http://mlflow:5000
                    PASSWORD: hunter2
                    credentials:
                      token: dapi123
                    auth:
                      apiSecret: s3cr3t
                services:
                  recsys:
                    model: {name: m}
                    serving:
                      endpoint:
                        bearer_token: abc
                """)).containsExactly(
                "4:5: registries.default.PASSWORD: unknown key; valid keys: type, trackingUri, timeout, insecureTls, "
                        + "caCertPath, credentials",
                "4:5: registries.default.PASSWORD: " + SECRETS,
                "6:7: registries.default.credentials.token: unknown key; valid keys: tokenEnv, usernameEnv, "
                        + "passwordEnv, tokenFile",
                "6:7: registries.default.credentials.token: " + SECRETS,
                "7:5: registries.default.auth: unknown key; valid keys: type, trackingUri, timeout, insecureTls, "
                        + "caCertPath, credentials",
                "8:7: registries.default.auth.apiSecret: " + SECRETS,
                "14:9: services.recsys.serving.endpoint.bearer_token: " + SECRETS);
    }

    @Test
    void secretNamedKeysThatOnlyPointAtSecretsAreFine() {
        RollbackConfig config = ConfigFixtures.load(dir, MINIMAL + """
                    metrics:
                      prometheus: http://prometheus:9090
                      authorizationEnv: PROM_AUTH
                      authorizationFile: ${PROM_AUTH_FILE}
                      queries: {errorRate: e}
                """, Map.of("PROM_AUTH_FILE", "/var/run/secrets/prom"));

        assertThat(config.services().get("recsys").metricsConfig().authorizationFile())
                .isEqualTo(java.nio.file.Path.of("/var/run/secrets/prom"));
    }

    @Test
    void unsetVariableIsReportedWhereItIsUsed() {
        assertThat(problems("""
                registries:
                  default:
                    trackingUri: ${MLFLOW_URI}
                services:
                  recsys:
                    model: {name: "${PREFIX}-${MODEL}"}
                """)).containsExactly(
                "3:18: registries.default.trackingUri: environment variable MLFLOW_URI is not set "
                        + "(referenced in registries.default.trackingUri)",
                "6:19: services.recsys.model.name: environment variable PREFIX is not set "
                        + "(referenced in services.recsys.model.name)",
                "6:19: services.recsys.model.name: environment variable MODEL is not set "
                        + "(referenced in services.recsys.model.name)");
    }

    @Test
    void malformedReferences() {
        assertThat(serviceProblems("    features: {a: \"${1BAD}\", b: \"${OPEN\"}\n")).containsExactly(
                "8:19: services.recsys.features.a: invalid variable reference '${1BAD}'; use ${NAME} or ${NAME:-default}",
                "8:33: services.recsys.features.b: unterminated '${' (write '$$' for a literal '$')");
    }

    @Test
    void severalRegistriesNeedAnExplicitChoice() {
        assertThat(problems("""
                registries:
                  prod: {trackingUri: http://prod}
                  staging: {trackingUri: http://staging}
                services:
                  recsys:
                    model: {name: m}
                  search:
                    registry: prdo
                    model: {name: s}
                  ads:
                    registry: elsewhere
                    model: {name: a}
                """)).containsExactly(
                "6:5: services.recsys.registry: required when more than one registry is defined (one of: prod, staging)",
                "8:15: services.search.registry: unknown registry 'prdo'; did you mean 'prod'?",
                "11:15: services.ads.registry: unknown registry 'elsewhere'; defined registries: prod, staging");
    }

    @Test
    void aServiceIsNotBlamedForItsBrokenRegistry() {
        assertThat(problems("""
                registries:
                  prod: {trackingUri: nope}
                services:
                  recsys: {registry: prod, model: {name: m}}
                """)).containsExactly(
                "2:23: registries.prod.trackingUri: expected an http or https URI with a host, like "
                        + "http://127.0.0.1:5000; got 'nope'");
    }

    @Test
    void everyProblemInTheFileIsReportedAtOnceInFileOrder() {
        assertThat(problems("""
                registries:
                  default:
                    trackingUri: ${MLFLOW_URI}
                    timeout: ten
                services:
                  recsys:
                    modle: {name: m}
                    live: {alias: latest, stage: prod}
                  search:
                    model: {}
                    baseline: {tag: nope}
                """)).containsExactly(
                "3:18: registries.default.trackingUri: environment variable MLFLOW_URI is not set "
                        + "(referenced in registries.default.trackingUri)",
                "4:14: registries.default.timeout: expected a duration like 10s, 500ms, 2m; got 'ten'",
                "7:5: services.recsys.modle: unknown key; did you mean 'model'?",
                "7:5: services.recsys.model: required",
                "8:19: services.recsys.live.alias: alias 'latest' is reserved by MLflow; choose another name",
                "8:34: services.recsys.live.stage: expected Staging or Production; got 'prod'",
                "10:12: services.search.model.name: required",
                "11:21: services.search.baseline.tag: expected key=value like rollback.healthy_baseline=true; "
                        + "got 'nope'");
    }

    @Test
    void unreadableFile() {
        Path missing = dir.resolve("nope.yaml");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(missing, Map.of()));

        assertThat(e.problems()).containsExactly(new ConfigProblem(missing, 0, 0, "", "file not found"));
        assertThat(e.getMessage()).isEqualTo(missing + ": file not found");
    }

    @Test
    void credentialsInTheS3EndpointAreRefusedWithoutEchoingThem() {
        List<String> problems = problems(MINIMAL + "s3:\n  endpoint: http://minio:hunter2@minio:9000\n"
                + "journal:\n  mirror: s3://ml-ops/rollback journals\n");

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("s3.endpoint: credentials do not belong in the endpoint URI")
                .doesNotContain("hunter2");
        assertThat(problems.get(1)).contains("journal.mirror: expected s3://bucket/prefix");
    }

    @Test
    void s3AndJournalSectionsReportEveryMistakeWithItsPath() {
        assertThat(problems(MINIMAL + """
                s3:
                  endpoint: minio:9000
                  pathStyle: yes-please
                  secretKeyEnv: not a name
                  bucket: x
                journal:
                  mirror: /var/lib/rollback
                """)).containsExactly(
                "9:13: s3.endpoint: expected an http or https URI with a host, like http://minio:9000; got 'minio:9000'",
                "10:14: s3.pathStyle: expected true or false; got 'yes-please'",
                "11:17: s3.secretKeyEnv: expected an environment variable name like AWS_SECRET_ACCESS_KEY; got 'not a name'",
                "12:3: s3.bucket: unknown key; valid keys: endpoint, region, pathStyle, accessKeyEnv, secretKeyEnv, sessionTokenEnv",
                "14:11: journal.mirror: expected s3://bucket/prefix, like s3://ml-ops/rollback/journals; got '/var/lib/rollback'");
    }
}
