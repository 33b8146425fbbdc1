package dev.rollback.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.testsupport.CliResult;
import dev.rollback.testsupport.CliRunner;
import dev.rollback.testsupport.mlflow.MlflowSeeder;
import dev.rollback.testsupport.mlflow.MlflowServer;
import dev.rollback.testsupport.mlflow.RecsysScenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.rollback.testsupport.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code status} and {@code candidates} end to end, in-process, against a real {@code mlflow server}
 * seeded with the 2 AM scenario (v7 live and bad, v5 healthy baseline, v4/v6/v7 in Production).
 */
class StatusAndCandidatesAgainstMlflowTest {

    @TempDir
    static Path dir;

    private static String recsysModel;
    private static RecsysScenario.Seeded recsys;
    private static String healthyModel;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void seedRegistry() throws IOException {
        MlflowServer server = MlflowServer.shared();
        MlflowSeeder seeder = new MlflowSeeder(server.uri());
        recsysModel = server.freshModelName("homepage-recsys");
        recsys = RecsysScenario.seed(seeder, recsysModel);

        healthyModel = server.freshModelName("search-ranker");
        seeder.createRegisteredModel(healthyModel);
        String experiment = seeder.experiment("rollback-" + healthyModel);
        for (int n = 1; n <= 2; n++) {
            String run = seeder.createRun(experiment, "v" + n, Map.of("ndcg", 0.4 + n / 10.0)).id();
            seeder.createModelVersion(healthyModel, RecsysScenario.sourceOf(healthyModel, "" + n), run);
        }
        seeder.setVersionTag(healthyModel, "1", "rollback.healthy_baseline", "true");
        seeder.setAlias(healthyModel, "champion", "2");

        Files.writeString(dir.resolve("rollback.yaml"), """
                registries:
                  default:
                    trackingUri: %s
                services:
                  recsys:
                    model:
                      name: %s
                      primaryMetric: diversity
                    live:
                      alias: champion
                      stage: Production
                  search:
                    model:
                      name: %s
                      primaryMetric: ndcg
                  ghost:
                    model:
                      name: no-such-model
                """.formatted(server.uri(), recsysModel, healthyModel));
    }

    private CliRunner cli() {
        return new CliRunner(dir);
    }

    @Test
    void statusShowsV7LiveByAliasAndStageAndWarnsAboutThreeProductionVersions() {
        CliResult result = cli().run("status", "recsys");

        assertThat(result).exitedWith(10).errIsEmpty().hasNoAnsiCodes()
                .outContains("SERVICE", "LIVE", "KNOWN BY", "BASELINE")
                .outContains("recsys", recsysModel, "v7", "alias champion + stage Production", "v5",
                        recsys.source("7"))
                .outContains("warning: recsys: versions 4, 6 and 7 are all in stage 'Production'; only v7 is live");
    }

    @Test
    void statusJsonGivesTheSameFacts() throws IOException {
        CliResult result = cli().run("status", "recsys", "-o", "json");

        assertThat(result).exitedWith(10).errIsEmpty();
        JsonNode service = JSON.readTree(result.out()).path("services").get(0);
        assertThat(service.path("service").asText()).isEqualTo("recsys");
        assertThat(service.path("healthy").asBoolean()).isFalse();
        assertThat(service.path("live").path("version").asText()).isEqualTo("7");
        assertThat(service.path("live").path("alias").asText()).isEqualTo("champion");
        assertThat(service.path("live").path("stage").asText()).isEqualTo("Production");
        assertThat(texts(service.path("versionsInLiveStage"))).containsExactly("7", "6", "4");
        assertThat(texts(service.path("healthyBaselines"))).containsExactly("5");
        assertThat(service.path("warnings").get(0).path("code").asText()).isEqualTo("SEVERAL_IN_STAGE");
        assertThat(service.path("warnings")).hasSize(1);
        assertThat(service.path("error").isNull()).isTrue();
    }

    @Test
    void healthyServiceExitsZero() {
        CliResult result = cli().run("status", "search");

        assertThat(result).succeeded().outContains("search", "v2", "alias champion", "v1").outDoesNotContain("warning");
    }

    @Test
    void allServicesAreReportedEvenWhenOneModelIsMissing() throws IOException {
        CliResult result = cli().run("status", "-o", "json");

        assertThat(result).exitedWith(4);
        JsonNode services = JSON.readTree(result.out()).path("services");
        assertThat(services).hasSize(3);
        assertThat(services.get(0).path("live").path("version").asText()).isEqualTo("7");
        assertThat(services.get(1).path("live").path("version").asText()).isEqualTo("2");
        assertThat(services.get(2).path("error").path("message").asText()).contains("no-such-model");
    }

    @Test
    void candidatesRankV5FirstAndNeverOfferV7() {
        CliResult result = cli().run("candidates", "recsys");

        assertThat(result).succeeded().errIsEmpty().outContains("DIVERSITY");
        List<String> rows = result.out().lines().filter(l -> l.matches("^\\d+\\s+v\\d+.*")).toList();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).matches("1\\s+v5\\s+\\S+\\s+0\\.73\\s+.*healthy baseline.*");
        assertThat(rows.get(1)).matches("2\\s+v6\\s+.*0\\.31.*was live before");
        assertThat(rows.get(2)).matches("3\\s+v4\\s+.*0\\.66.*");
        assertThat(rows.get(3)).matches("4\\s+v3\\s+.*0\\.7\\s+.*archived version");
        assertThat(rows).noneMatch(r -> r.contains("v7"));
    }

    @Test
    void candidatesAllListsExcludedVersionsWithReasons() {
        CliResult result = cli().run("candidates", "recsys", "--all");

        assertThat(result).succeeded().outContains("Excluded:", "is the live version", "nothing vouches for it");
        assertThat(result.out().lines().filter(l -> l.startsWith("v7")).findFirst().orElseThrow())
                .contains("is the live version");
    }

    @Test
    void candidatesJsonGivesTheSameFacts() throws IOException {
        CliResult result = cli().run("-o", "json", "candidates", "recsys", "--limit", "2");

        assertThat(result).succeeded();
        JsonNode doc = JSON.readTree(result.out());
        assertThat(doc.path("kind").asText()).isEqualTo("Candidates");
        assertThat(doc.path("liveVersion").asText()).isEqualTo("7");
        JsonNode candidates = doc.path("candidates");
        assertThat(candidates).hasSize(2);
        assertThat(candidates.get(0).path("version").asText()).isEqualTo("5");
        assertThat(candidates.get(0).path("tier").asText()).isEqualTo("HEALTHY_BASELINE");
        assertThat(candidates.get(0).path("primaryMetricValue").asDouble()).isEqualTo(0.73);
        assertThat(candidates.get(1).path("version").asText()).isEqualTo("6");
        assertThat(doc.path("excluded").findValuesAsText("version")).contains("7", "1", "2");
    }

    @Test
    void missingModelIsOneLineNamingModelAndRegistry() {
        CliResult result = cli().run("candidates", "ghost");

        assertThat(result).exitedWith(4).errIsOneLine().errContains("no-such-model", "127.0.0.1");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void colorsOnlyOnATerminalAndNeverWithNoColor() {
        assertThat(cli().interactive(true).run("status", "recsys").out()).contains("\u001B[");
        assertThat(cli().interactive(true).env("NO_COLOR", "1").run("status", "recsys")).hasNoAnsiCodes();
        assertThat(cli().interactive(true).run("status", "recsys", "--no-color")).hasNoAnsiCodes();
        assertThat(cli().interactive(true).run("status", "recsys", "-o", "json")).hasNoAnsiCodes();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }
}
