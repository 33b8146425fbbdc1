package dev.rollback.adapters.ci.jenkins;

import dev.rollback.adapters.ci.TriggerFailuresContract;
import dev.rollback.config.CiConfig;
import dev.rollback.testsupport.ci.JenkinsStandIn;
import dev.rollback.testsupport.ci.StandInServer;
import java.net.URI;
import java.nio.file.Path;

/** The shared trigger contract against the Jenkins stand-in (jenkins.io/doc/book/using/remote-access-api/). */
class JenkinsTriggerFailuresTest extends TriggerFailuresContract {

    private final JenkinsStandIn jenkins = new JenkinsStandIn("alice", "11a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7", "ml/retrain");

    @Override
    protected StandInServer server() {
        return jenkins;
    }

    @Override
    protected String token() {
        return "11a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7";
    }

    @Override
    protected CiConfig config(URI url, String tokenEnv, Path tokenFile) {
        return new CiConfig("jenkins", url, null, null, "ml/retrain", "main", tokenEnv, tokenFile, null, null, "alice", null);
    }

    @Override
    protected String triggerPath() {
        return "/job/ml/job/retrain/buildWithParameters";
    }

    @Override
    protected String notFoundSubject() {
        return "Jenkins job ml/retrain not found";
    }
}
