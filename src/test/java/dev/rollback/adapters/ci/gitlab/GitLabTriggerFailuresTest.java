package dev.rollback.adapters.ci.gitlab;

import dev.rollback.adapters.ci.TriggerFailuresContract;
import dev.rollback.config.CiConfig;
import dev.rollback.testsupport.ci.GitLabStandIn;
import dev.rollback.testsupport.ci.StandInServer;
import java.net.URI;
import java.nio.file.Path;

/** The shared trigger contract against the GitLab stand-in (docs.gitlab.com/ee/api/pipeline_triggers.html). */
class GitLabTriggerFailuresTest extends TriggerFailuresContract {

    private final GitLabStandIn gitlab = new GitLabStandIn("ml/recsys-training", 4711, "glptt-trigger-secret-123", "glpat-api-secret-456");

    @Override
    protected StandInServer server() {
        return gitlab;
    }

    @Override
    protected String token() {
        return "glptt-trigger-secret-123";
    }

    @Override
    protected CiConfig config(URI url, String tokenEnv, Path tokenFile) {
        return new CiConfig("gitlab", url, "ml/recsys-training", null, null, "main", tokenEnv, tokenFile, null, null, null, null);
    }

    @Override
    protected String triggerPath() {
        return "/api/v4/projects/ml%2Frecsys-training/trigger/pipeline";
    }

    @Override
    protected String notFoundSubject() {
        return "GitLab project ml/recsys-training not found";
    }
}
