package dev.rollback.core.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.registry.mlflow.MlflowRegistry;
import dev.rollback.core.model.ModelSteps;
import dev.rollback.core.model.TagStep;
import dev.rollback.core.plan.Step;
import dev.rollback.core.plan.StepContext;
import dev.rollback.core.registry.ModelRegistry;
import dev.rollback.testsupport.mlflow.MlflowSeeder;
import dev.rollback.testsupport.mlflow.MlflowServer;
import dev.rollback.testsupport.mlflow.RecsysScenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code registry.tag} as the executor builds it (through {@link ModelSteps}), on the real MLflow server. */
class TagStepAgainstMlflowTest {

    private static final StepContext CONTEXT = new StepContext("drill-1", "oncall@example.com", "drill",
            Duration.ofSeconds(5), line -> { });
    private static MlflowSeeder seeder;
    private static String model;
    private static ModelSteps steps;

    @BeforeAll
    static void seed() {
        MlflowServer mlflow = MlflowServer.shared();
        seeder = new MlflowSeeder(mlflow.uri());
        model = mlflow.freshModelName("tagstep");
        RecsysScenario.seed(seeder, model);
        ModelRegistry registry = new MlflowRegistry(mlflow.uri(), Duration.ofSeconds(10),
                new BasicMlflowHostCreds(mlflow.uri()));
        steps = new ModelSteps(registry, Optional.empty());
    }

    @Test
    void setsATagThatWasNotSetAndItsUndoDeletesIt() {
        Step step = steps.create(TagStep.spec(model, "7", "rollback.drill", Optional.empty(), Optional.of("rb-1")));

        assertThat(step.apply(CONTEXT)).isEqualTo("rollback.drill = rb-1");
        assertThat(serverTag("7", "rollback.drill")).isEqualTo("rb-1");
        assertThat(step.compensate(CONTEXT)).isEqualTo("rollback.drill = (none)");
        assertThat(serverTag("7", "rollback.drill")).isNull();
        assertThat(step.compensate(CONTEXT)).as("undo repeated after a crash").isEqualTo("rollback.drill = (none)");
    }

    @Test
    void deletesATagAndItsUndoWritesBackTheExactValueEvenOneThatLooksLikeUnset() {
        seeder.setVersionTag(model, "3", "owner", "(none)");
        Step step = steps.create(TagStep.spec(model, "3", "owner", Optional.of("(none)"), Optional.empty()));

        step.apply(CONTEXT);
        assertThat(serverTag("3", "owner")).isNull();
        step.apply(CONTEXT); // repeated after a crash: deleting a missing tag is harmless
        step.compensate(CONTEXT);

        assertThat(serverTag("3", "owner")).isEqualTo("(none)");
    }

    @Test
    void describesTheChangeForPlansAndJournals() {
        assertThat(TagStep.spec(model, "5", "rollback.role", Optional.empty(), Optional.of("rollback_target"))
                .describe()).isEqualTo("tag 'rollback.role' of " + model + " v5: (none) → rollback_target");
    }

    /** Read straight from the server's JSON, not through the adapter under test. */
    private static String serverTag(String version, String key) {
        JsonNode tags = seeder.get("model-versions/get", Map.of("name", model, "version", version), false)
                .path("model_version").path("tags");
        for (JsonNode t : tags) {
            if (t.path("key").asText().equals(key)) {
                return t.path("value").asText();
            }
        }
        return null;
    }
}
