package dev.rollback.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small helpers: interpolation, suggestions, problem formatting. */
class SupportTest {
    @Test
    void interpolation() {
        Map<String, String> env = Map.of("A", "alpha", "EMPTY", "");

        assertThat(Interpolator.interpolate("${A}/${B:-beta}/${EMPTY:-gamma}/${EMPTY}", env, "p").value())
                .isEqualTo("alpha/beta/gamma/");
        assertThat(Interpolator.interpolate("$$A $${A} $A cost$ $", env, "p").value()).isEqualTo("$A ${A} $A cost$ $");
        assertThat(Interpolator.interpolate("${X:-}", env, "p").value()).isEmpty();
        Interpolator.Result missing = Interpolator.interpolate("${X}-${Y}", env, "a.b");
        assertThat(missing.value()).isNull();
        assertThat(missing.problems()).containsExactly(
                "environment variable X is not set (referenced in a.b)",
                "environment variable Y is not set (referenced in a.b)");
    }

    @Test
    void referencesAreDetectedForTheSecretCheck() {
        assertThat(Interpolator.hasReference("${TOKEN}")).isTrue();
        assertThat(Interpolator.hasReference("Bearer ${TOKEN}")).isTrue();
        assertThat(Interpolator.hasReference("$${literal}")).isFalse();
        assertThat(Interpolator.hasReference("plain")).isFalse();
    }

    @Test
    void suggestions() {
        List<String> keys = List.of("registry", "model", "live", "baseline", "ci");

        assertThat(Suggestions.closest("modle", keys)).contains("model");
        assertThat(Suggestions.closest("registy", keys)).contains("registry");
        assertThat(Suggestions.closest("Base_Line", keys)).contains("baseline");
        assertThat(Suggestions.closest("cd", keys)).contains("ci");
        assertThat(Suggestions.closest("xy", keys)).isEmpty();
        assertThat(Suggestions.closest("owner", keys)).isEmpty();
        assertThat(Suggestions.distance("modle", "model")).isEqualTo(1);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void problemFormatting() {
        assertThat(new ConfigProblem(Path.of("rollback.yaml"), 12, 5, "services.recsys.model.name", "required"))
                .hasToString("rollback.yaml:12:5: services.recsys.model.name: required");
        assertThat(new ConfigProblem(Path.of("rollback.yaml"), 0, 0, "", "the file is empty"))
                .hasToString("rollback.yaml: the file is empty");
        assertThat(new ConfigProblem(null, 3, 0, "a", "m")).hasToString("3: a: m");
        assertThat(new ConfigProblem(null, 0, 0, null, "m")).hasToString("m");
        assertThat(new ConfigException(List.of(new ConfigProblem(null, 1, 2, "a", "x"),
                new ConfigProblem(null, 3, 4, "b", "y")))).hasMessage("1:2: a: x\n3:4: b: y");
    }
}
