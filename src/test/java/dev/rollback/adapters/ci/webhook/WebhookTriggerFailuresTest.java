package dev.rollback.adapters.ci.webhook;

import dev.rollback.adapters.ci.TriggerFailuresContract;
import dev.rollback.config.CiConfig;
import dev.rollback.testsupport.ci.StandInServer;
import dev.rollback.testsupport.ci.WebhookStandIn;
import java.net.URI;
import java.nio.file.Path;

/** The shared trigger contract against the webhook receiver stand-in, token as "Authorization: Bearer". */
class WebhookTriggerFailuresTest extends TriggerFailuresContract {

    private final WebhookStandIn hook = new WebhookStandIn("/hooks/retrain", "Authorization", "Bearer whsec_token_789");

    @Override
    protected StandInServer server() {
        return hook;
    }

    @Override
    protected String token() {
        return "whsec_token_789";
    }

    @Override
    protected CiConfig config(URI url, String tokenEnv, Path tokenFile) {
        return new CiConfig("webhook", url.resolve("/hooks/retrain"), null, null, null, "main", tokenEnv, tokenFile, null,
                null, null, null);
    }

    @Override
    protected String triggerPath() {
        return "/hooks/retrain";
    }

    @Override
    protected String notFoundSubject() {
        return "/hooks/retrain answered 404";
    }
}
