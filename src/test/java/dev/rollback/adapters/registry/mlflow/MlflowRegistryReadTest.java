package dev.rollback.adapters.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rollback.core.registry.ModelVersion;
import dev.rollback.core.registry.RegisteredModel;
import dev.rollback.core.registry.RegistryException;
import dev.rollback.core.registry.VersionSearch;
import dev.rollback.testsupport.mlflow.MlflowSeeder;
import dev.rollback.testsupport.mlflow.MlflowServer;
import dev.rollback.testsupport.mlflow.RecsysScenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/** Reads against a real MLflow 3.x server seeded with {@link RecsysScenario}. */
class MlflowRegistryReadTest {

    private static String uri;
    private static RecsysScenario.Seeded scenario;
    private static String model;

    @BeforeAll
    static void seed() {
        MlflowServer server = MlflowServer.shared();
        uri = server.uri();
        long start = System.nanoTime();
        scenario = RecsysScenario.seed(new MlflowSeeder(uri), server.freshModelName("recsys-read"));
        System.out.printf("seeded %s in %d ms%n", scenario.modelName(), (System.nanoTime() - start) / 1_000_000);
        model = scenario.modelName();
    }

    private static MlflowRegistry registry() {
        return new MlflowRegistry(uri, Duration.ofSeconds(10), new BasicMlflowHostCreds(uri));
    }

    private static List<String> numbers(List<ModelVersion> versions) {
        return versions.stream().map(ModelVersion::version).toList();
    }

    @Test
    void getModelShowsTheChampionAliasInOneRoundTrip() {
        MlflowRegistry registry = registry();
        RegisteredModel m = registry.getModel(model);
        assertThat(m.name()).isEqualTo(model);
        assertThat(m.aliases()).containsExactly(Map.entry("champion", "7"));
        assertThat(registry.requestCount()).isEqualTo(1);
    }

    @Test
    void searchReturnsEveryVersionNewestFirstWithStages() {
        List<ModelVersion> all = registry().searchVersions(VersionSearch.allVersionsOf(model));
        assertThat(numbers(all)).containsExactly("7", "6", "5", "4", "3", "2", "1");
        all.forEach(v -> assertThat(v.stage()).as("stage of v" + v.version()).isEqualTo(RecsysScenario.STAGE.get(v.version())));
        assertThat(all).allSatisfy(v -> {
            assertThat(v.isReady()).isTrue();
            assertThat(v.modelName()).isEqualTo(model);
            assertThat(v.source()).isEqualTo(scenario.source(v.version()));
            assertThat(v.runId()).isEqualTo(scenario.runId(v.version()));
            assertThat(v.aliases()).isEmpty();
        });
    }

    @Test
    void tagFilterFindsOnlyTheBaseline() {
        List<ModelVersion> found = registry().searchVersions(
                VersionSearch.taggedVersionsOf(model, RecsysScenario.BASELINE_TAG, "true"));
        assertThat(numbers(found)).containsExactly("5");
        assertThat(found.get(0).hasTag(RecsysScenario.BASELINE_TAG, "true")).isTrue();
    }

    @Test
    void tagValueWithAQuoteIsSearchedNotRejected() {
        assertThat(registry().searchVersions(
                VersionSearch.taggedVersionsOf(model, RecsysScenario.BASELINE_TAG, "it's"))).isEmpty();
    }

    @Test
    void versionFilterKeepsOnlyTheRequestedVersions() {
        MlflowRegistry registry = registry();
        assertThat(numbers(registry.searchVersions(new VersionSearch(model, Map.of(), List.of("4", "6", "99")))))
                .containsExactly("6", "4");
        assertThat(numbers(registry.searchVersions(new VersionSearch(model, Map.of(), List.of("5")))))
                .containsExactly("5");
        assertThat(registry.searchVersions(new VersionSearch(model, Map.of(), List.of("x")))).isEmpty();
        assertThat(registry.requestCount()).isEqualTo(2);
    }

    @Test
    void searchReadsEveryPage() {
        MlflowRegistry registry = new MlflowRegistry(uri, Duration.ofSeconds(10), new BasicMlflowHostCreds(uri), 2);
        List<ModelVersion> all = registry.searchVersions(VersionSearch.allVersionsOf(model));
        assertThat(numbers(all)).containsExactly("7", "6", "5", "4", "3", "2", "1");
        assertThat(registry.requestCount()).as("pages of 2 over 7 versions").isEqualTo(4);
    }

    @Test
    void findVersionFillsAliasesFromTheVersionInOneRoundTrip() {
        MlflowRegistry registry = registry();
        ModelVersion v7 = registry.findVersion(model, "7").orElseThrow();
        assertThat(v7.aliases()).containsExactly("champion");
        assertThat(v7.stage()).isEqualTo("Production");
        assertThat(v7.runId()).isEqualTo(scenario.runId("7"));
        assertThat(v7.createdAt()).isAfter(java.time.Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(registry.findVersion(model, "5").orElseThrow().aliases()).isEmpty();
        assertThat(registry.requestCount()).isEqualTo(2);
    }

    @Test
    void findVersionIsEmptyForMissingVersionOrModel() {
        MlflowRegistry registry = registry();
        assertThat(registry.findVersion(model, "99")).isEmpty();
        assertThat(registry.findVersion(model + "-missing", "1")).isEmpty();
        assertThat(registry.requestCount()).as("4xx is never retried").isEqualTo(2);
        assertThat(registry.findVersion(model, "latest")).isEmpty();
        assertThat(registry.requestCount()).as("non-numeric version: nothing to ask").isEqualTo(2);
    }

    @Test
    void missingModelFailsFastWithNotFound() {
        MlflowRegistry registry = registry();
        long start = System.nanoTime();
        RegistryException e = catchThrowableOfType(RegistryException.class, () -> registry.getModel(model + "-missing"));
        assertThat(e.kind()).isEqualTo(RegistryException.Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains(model + "-missing", uri, "RESOURCE_DOES_NOT_EXIST");
        assertThat(e.registryUri()).isEqualTo(uri);
        assertThat(registry.requestCount()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void resolveAliasFindsChampionAndIsEmptyForAMissingAlias() {
        MlflowRegistry registry = registry();
        assertThat(registry.resolveAlias(model, "champion")).isEqualTo(Optional.of("7"));
        assertThat(registry.resolveAlias(model, "challenger")).isEmpty();
        assertThat(registry.requestCount()).isEqualTo(2);
    }

    @Test
    void resolveAliasOnAMissingModelIsNotFound() {
        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> registry().resolveAlias(model + "-missing", "champion"));
        assertThat(e.kind()).isEqualTo(RegistryException.Kind.NOT_FOUND);
    }

    @Test
    void runMetricsGivesTheLoggedValues() {
        assertThat(registry().runMetrics(scenario.runId("5"))).containsExactly(Map.entry("diversity", 0.73));
        assertThat(registry().runMetrics(scenario.runId("7"))).containsEntry("diversity", 0.04);
    }

    @Test
    void runMetricsOfAMissingRunIsNotFound() {
        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> registry().runMetrics("0123456789abcdef0123456789abcdef"));
        assertThat(e.kind()).isEqualTo(RegistryException.Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("run 0123456789abcdef0123456789abcdef");
    }
}
