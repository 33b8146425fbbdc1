package dev.rollback.adapters.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rollback.core.registry.ModelVersion;
import dev.rollback.core.registry.RegistryException;
import dev.rollback.core.registry.VersionSearch;
import dev.rollback.testsupport.mlflow.MlflowSeeder;
import dev.rollback.testsupport.mlflow.MlflowServer;
import dev.rollback.testsupport.mlflow.RecsysScenario;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/** Writes against a real MLflow server; each test seeds its own model. */
class MlflowRegistryWriteTest {

    private String model;
    private MlflowRegistry registry;

    @BeforeEach
    void seed() {
        MlflowServer server = MlflowServer.shared();
        model = RecsysScenario.seed(new MlflowSeeder(server.uri()), server.freshModelName("recsys-write")).modelName();
        registry = new MlflowRegistry(server.uri(), Duration.ofSeconds(10), new BasicMlflowHostCreds(server.uri()));
    }

    @Test
    void aliasRoundTrip() {
        registry.setAlias(model, "champion", "5");
        registry.setAlias(model, "rollback_from", "7");
        assertThat(registry.resolveAlias(model, "champion")).isEqualTo(Optional.of("5"));
        assertThat(registry.getModel(model).aliases()).isEqualTo(Map.of("champion", "5", "rollback_from", "7"));
        assertThat(registry.findVersion(model, "7").orElseThrow().aliases()).containsExactly("rollback_from");

        registry.deleteAlias(model, "rollback_from");
        registry.deleteAlias(model, "rollback_from"); // no-op when not set
        assertThat(registry.resolveAlias(model, "rollback_from")).isEmpty();
        assertThat(registry.getModel(model).aliases()).isEqualTo(Map.of("champion", "5"));
    }

    @Test
    void aliasToAMissingVersionIsRejected() {
        RegistryException e = catchThrowableOfType(RegistryException.class, () -> registry.setAlias(model, "champion", "99"));
        assertThat(e.kind()).isEqualTo(RegistryException.Kind.NOT_FOUND);
        assertThat(registry.resolveAlias(model, "champion")).isEqualTo(Optional.of("7"));
    }

    @Test
    void versionTagRoundTrip() {
        registry.setVersionTag(model, "7", "rollback.bad_release", "diversity collapsed");
        assertThat(registry.findVersion(model, "7").orElseThrow().tag("rollback.bad_release"))
                .contains("diversity collapsed");
        assertThat(registry.searchVersions(VersionSearch.taggedVersionsOf(model, "rollback.bad_release",
                "diversity collapsed"))).extracting(ModelVersion::version).containsExactly("7");

        registry.deleteVersionTag(model, "7", "rollback.bad_release");
        registry.deleteVersionTag(model, "7", "rollback.bad_release"); // no-op when not set
        assertThat(registry.findVersion(model, "7").orElseThrow().tags()).doesNotContainKey("rollback.bad_release");
    }

    @Test
    void tagOnAMissingVersionIsNotFound() {
        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> registry.deleteVersionTag(model, "99", "k"));
        assertThat(e.kind()).isEqualTo(RegistryException.Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains(model, "99");
    }

    @Test
    void transitionStageWithoutArchivingLeavesOthersAlone() {
        ModelVersion v5 = registry.transitionStage(model, "5", "Production", false);
        assertThat(v5.stage()).isEqualTo("Production");
        assertThat(v5.version()).isEqualTo("5");
        assertThat(stages()).containsEntry("4", "Production").containsEntry("6", "Production")
                .containsEntry("7", "Production").containsEntry("5", "Production");
    }

    @Test
    void transitionStageArchivingMovesTheOthersToArchived() {
        registry.transitionStage(model, "5", "Production", true);
        assertThat(stages()).containsEntry("5", "Production").containsEntry("4", "Archived")
                .containsEntry("6", "Archived").containsEntry("7", "Archived").containsEntry("1", "None");
    }

    @Test
    void unknownStageIsAnInvalidRequestWithMlflowsMessage() {
        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> registry.transitionStage(model, "5", "Canary", false));
        assertThat(e.kind()).isEqualTo(RegistryException.Kind.INVALID_REQUEST);
        assertThat(e.getMessage()).contains("INVALID_PARAMETER_VALUE", "Canary");
    }

    private Map<String, String> stages() {
        return registry.searchVersions(VersionSearch.allVersionsOf(model)).stream()
                .collect(Collectors.toMap(ModelVersion::version, ModelVersion::stage));
    }
}
