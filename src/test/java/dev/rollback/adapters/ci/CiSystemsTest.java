package dev.rollback.adapters.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.adapters.ci.github.GitHubActions;
import dev.rollback.adapters.ci.gitlab.GitLabCi;
import dev.rollback.adapters.ci.jenkins.JenkinsCi;
import dev.rollback.adapters.ci.webhook.WebhookCi;
import dev.rollback.config.CiConfig;
import dev.rollback.core.retrain.CiException;
import dev.rollback.core.retrain.RetrainParameters;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The factory: one adapter per kind, nothing read or sent on creation, token files resolved as documented. */
class CiSystemsTest {

    private static CiConfig config(String kind, Path tokenFile) {
        return new CiConfig(kind, URI.create("https://ci.example.com"), "ml/recsys", "retrain.yml", "ml/retrain", "main",
                tokenFile == null ? "CI_TOKEN" : null, tokenFile, null, null, "alice", null);
    }

    @Test
    void createsTheAdapterOfEachKindWithoutReadingTokens() {
        assertThat(CiSystems.create(config("gitlab", null), Map.of(), null)).isInstanceOf(GitLabCi.class);
        assertThat(CiSystems.create(config("github", null), Map.of(), null)).isInstanceOf(GitHubActions.class);
        assertThat(CiSystems.create(config("jenkins", null), Map.of(), null)).isInstanceOf(JenkinsCi.class);
        assertThat(CiSystems.create(config("webhook", null), Map.of(), null)).isInstanceOf(WebhookCi.class);
    }

    @Test
    void anUnknownKindIsRefused() {
        assertThatThrownBy(() -> CiSystems.create(config("circleci", null), Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("circleci").hasMessageContaining("gitlab");
    }

    @Test
    void aRelativeTokenFileWithoutConfigDirectoryResolvesAgainstTheWorkingDirectory() {
        var system = CiSystems.create(config("github", Path.of("no-such-dir/ci-token")), Map.of(), null);
        Path expected = Path.of("").toAbsolutePath().resolve("no-such-dir/ci-token");
        assertThatThrownBy(() -> system.trigger(new RetrainParameters("m", "d", "r", false, "rb-1")))
                .isInstanceOf(CiException.class).hasMessageContaining("file " + expected + " does not exist");
    }
}
