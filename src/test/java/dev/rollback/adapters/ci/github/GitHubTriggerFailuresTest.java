package dev.rollback.adapters.ci.github;

import dev.rollback.adapters.ci.TriggerFailuresContract;
import dev.rollback.config.CiConfig;
import dev.rollback.testsupport.ci.GitHubStandIn;
import dev.rollback.testsupport.ci.StandInServer;
import java.net.URI;
import java.nio.file.Path;

/** The shared trigger contract against the GitHub stand-in (docs.github.com/en/rest/actions/workflows). */
class GitHubTriggerFailuresTest extends TriggerFailuresContract {

    private final GitHubStandIn github = new GitHubStandIn("ml", "recsys-training", "retrain.yml", "ghp_secret_token_abc");

    @Override
    protected StandInServer server() {
        return github;
    }

    @Override
    protected String token() {
        return "ghp_secret_token_abc";
    }

    @Override
    protected CiConfig config(URI url, String tokenEnv, Path tokenFile) {
        return new CiConfig("github", url, "ml/recsys-training", "retrain.yml", null, "main", tokenEnv, tokenFile, null, null,
                null, null);
    }

    @Override
    protected String triggerPath() {
        return github.dispatchPath();
    }

    @Override
    protected String notFoundSubject() {
        return "GitHub workflow retrain.yml of ml/recsys-training not found";
    }
}
