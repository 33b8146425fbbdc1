package dev.rollback.adapters.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.retrain.CiException;
import dev.rollback.core.retrain.CiException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where tokens come from, and what each message says when one is missing. */
class TokenSourceTest {

    private static TokenSource source(String envName, Path file, Map<String, String> env) {
        return new TokenSource("GitLab trigger token", "a pipeline trigger token of ml/recsys", "tokenEnv", envName,
                "tokenFile", file, env);
    }

    private static String failure(TokenSource source) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(source::read);
        assertThat(thrown).isInstanceOfSatisfying(CiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH));
        assertThat(thrown.getMessage()).doesNotContain("\n");
        return thrown.getMessage();
    }

    @Test
    void theVariableIsReadWhenSet() {
        assertThat(source("GITLAB_TRIGGER_TOKEN", null, Map.of("GITLAB_TRIGGER_TOKEN", " glptt-1 ")).read()).isEqualTo("glptt-1");
    }

    @Test
    void anUnsetVariableIsNamedWithWhatItMustHold() {
        assertThat(failure(source("GITLAB_TRIGGER_TOKEN", null, Map.of()))).isEqualTo("GitLab trigger token: environment"
                + " variable GITLAB_TRIGGER_TOKEN is not set; set it to a pipeline trigger token of ml/recsys, or name a file"
                + " with services.<svc>.ci.tokenFile");
    }

    @Test
    void aBlankVariableCountsAsUnset() {
        assertThat(failure(source("GITLAB_TRIGGER_TOKEN", null, Map.of("GITLAB_TRIGGER_TOKEN", "  ")))).contains("is not set");
    }

    @Test
    void theFileIsTrimmedAndUsedWhenTheVariableIsUnset(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "\n  glptt-from-file \n");
        assertThat(source("GITLAB_TRIGGER_TOKEN", file, Map.of()).read()).isEqualTo("glptt-from-file");
        assertThat(source("GITLAB_TRIGGER_TOKEN", file, Map.of("GITLAB_TRIGGER_TOKEN", "from-env")).read()).isEqualTo("from-env");
    }

    @Test
    void aMissingOrEmptyFileIsNamed(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope");
        assertThat(failure(source(null, missing, Map.of()))).isEqualTo("GitLab trigger token: file " + missing
                + " does not exist; create it holding a pipeline trigger token of ml/recsys, or name a variable with"
                + " services.<svc>.ci.tokenEnv");
        Path empty = Files.writeString(dir.resolve("empty"), " \n");
        assertThat(failure(source("GL_T", empty, Map.of()))).isEqualTo("GitLab trigger token: environment variable GL_T"
                + " is not set and file " + empty + " is empty; it must hold a pipeline trigger token of ml/recsys");
    }

    @Test
    void nothingConfiguredSaysWhichKeysToSet() {
        TokenSource none = source(null, null, Map.of());
        assertThat(none.configured()).isFalse();
        assertThat(failure(none)).contains("is not configured").contains("services.<svc>.ci.tokenEnv");
    }

    @Test
    void itIsReadOnlyWhenNeededAndNeverPrinted(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("later");
        TokenSource source = source(null, file, Map.of());
        assertThat(source.configured()).isTrue(); // no read yet: the file does not even exist
        Files.writeString(file, "glptt-secret");
        assertThat(source.read()).isEqualTo("glptt-secret");
        assertThat(source.toString()).isEqualTo("GitLab trigger token from " + file).doesNotContain("glptt-secret");
    }

    @Test
    void anUnreadableFileIsNamedWithoutItsContent(@TempDir Path dir) throws IOException {
        Path directoryNotFile = Files.createDirectory(dir.resolve("token.d"));
        assertThat(failure(source(null, directoryNotFile, Map.of()))).startsWith("GitLab trigger token: cannot read file "
                + directoryNotFile + " (");
    }

    @Test
    void unsetVariableAndTheFileMissingAreBothNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> source("GL_T", dir.resolve("x"), Map.of()).read())
                .hasMessageContaining("environment variable GL_T is not set and file " + dir.resolve("x") + " does not exist");
    }
}
