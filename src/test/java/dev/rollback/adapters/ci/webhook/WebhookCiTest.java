package dev.rollback.adapters.ci.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.adapters.ci.CiSystems;
import dev.rollback.config.CiConfig;
import dev.rollback.core.retrain.CiException;
import dev.rollback.core.retrain.CiException.Kind;
import dev.rollback.core.retrain.CiSystem;
import dev.rollback.core.retrain.PipelineRun;
import dev.rollback.core.retrain.RetrainParameters;
import dev.rollback.testsupport.ci.CiTestRuntime;
import dev.rollback.testsupport.ci.RecordedRequest;
import dev.rollback.testsupport.ci.RecordingSleeper;
import dev.rollback.testsupport.ci.Reply;
import dev.rollback.testsupport.ci.WebhookStandIn;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook adapter against a receiver stand-in checking the contract of CiConfig/WebhookCi. */
class WebhookCiTest {

    private static final RetrainParameters PARAMETERS =
            new RetrainParameters("recsys-ranker", "ds-2024-05-01", "v1.4.2", true, "rb-20250101-7f3a");
    private static final String BODY = "{\"event\":\"rollback.retrain\",\"variables\":{\"ROLLBACK_MODEL_NAME\":\"recsys-ranker\","
            + "\"ROLLBACK_DATASET_VERSION\":\"ds-2024-05-01\",\"ROLLBACK_CONFIG_REF\":\"v1.4.2\",\"ROLLBACK_EMERGENCY\":\"true\","
            + "\"ROLLBACK_ID\":\"rb-20250101-7f3a\"}}";

    private final RecordingSleeper sleeper = new RecordingSleeper();
    private WebhookStandIn hook;

    @AfterEach
    void stop() {
        hook.close();
        assertThat(hook.violations()).isEmpty();
    }

    private CiSystem webhook(String header, String tokenEnv, Map<String, String> env) {
        CiConfig config = new CiConfig("webhook", hook.uri().resolve(hook.path()), null, null, null, "main", tokenEnv, null,
                null, null, null, header);
        return CiSystems.create(config, env, null, CiTestRuntime.with(sleeper));
    }

    @Test
    void postsTheEventWithABearerTokenAndReturnsTheRollbackIdAndTheReceiversUrl() {
        hook = new WebhookStandIn("/hooks/retrain", "Authorization", "Bearer whsec_1");
        PipelineRun run = webhook(null, "HOOK_TOKEN", Map.of("HOOK_TOKEN", "whsec_1")).trigger(PARAMETERS);

        RecordedRequest request = hook.requests().get(0);
        assertThat(request.method() + " " + request.path()).isEqualTo("POST /hooks/retrain");
        assertThat(request.header("Content-Type")).hasValue("application/json");
        assertThat(request.body()).isEqualTo(BODY);
        assertThat(run).isEqualTo(new PipelineRun("webhook", "rb-20250101-7f3a", hook.uri() + "/runs/rb-20250101-7f3a"));
    }

    @Test
    void aCustomHeaderCarriesTheRawToken() {
        hook = new WebhookStandIn("/hooks/retrain", "X-Hook-Token", "whsec_2");
        CiSystem system = webhook("X-Hook-Token", "HOOK_TOKEN", Map.of("HOOK_TOKEN", "whsec_2"));
        system.trigger(PARAMETERS);
        assertThat(hook.requests().get(0).header("X-Hook-Token")).hasValue("whsec_2");
        assertThat(hook.requests().get(0).header("Authorization")).isEmpty();
        assertThat(system.preview(PARAMETERS).headers()).contains("X-Hook-Token: ***");
        assertThat(system.describe()).isEqualTo("webhook " + hook.uri() + "/hooks/retrain (token in X-Hook-Token)");
    }

    @Test
    void withoutATokenNoAuthHeaderIsSentOrShown() {
        hook = new WebhookStandIn("/hooks/retrain", null, null);
        CiSystem system = webhook(null, null, Map.of());
        system.trigger(PARAMETERS);
        assertThat(hook.requests().get(0).header("Authorization")).isEmpty();
        assertThat(system.preview(PARAMETERS).headers()).containsExactly("User-Agent: rollback-cli", "Content-Type: application/json");
        assertThat(system.describe()).endsWith("(no token)");
    }

    @Test
    void aReceiverAskingForATokenWhenNoneIsConfiguredSaysHowToConfigureOne() {
        hook = new WebhookStandIn("/hooks/retrain", "Authorization", "Bearer whsec_3");
        assertThatThrownBy(() -> webhook(null, null, Map.of()).trigger(PARAMETERS)).isInstanceOfSatisfying(CiException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.AUTH);
            assertThat(e.getMessage()).startsWith("webhook rejected the request (401): it wants a token").contains("tokenEnv");
        });
    }

    @Test
    void theWatchUrlComesFromWebUrlOrIsEmpty() {
        hook = new WebhookStandIn("/hooks/retrain", null, null);
        hook.script("POST", "/hooks/retrain", Reply.json(200, "{\"web_url\":\"https://ci.example.com/r/9\"}"), Reply.empty(204));
        CiSystem system = webhook(null, null, Map.of());
        assertThat(system.trigger(PARAMETERS).url()).isEqualTo("https://ci.example.com/r/9");
        assertThat(system.trigger(PARAMETERS).url()).isEmpty();
    }

    @Test
    void itCanNeitherFollowNorCancel() {
        hook = new WebhookStandIn("/hooks/retrain", null, null);
        CiSystem system = webhook(null, null, Map.of());
        PipelineRun run = new PipelineRun("webhook", "rb-1", "");
        assertThat(system.canFollow()).isFalse();
        assertThat(system.canCancel()).isFalse();
        assertThatThrownBy(() -> system.status(run)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("cannot report");
        assertThatThrownBy(() -> system.cancel(run)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("cannot cancel");
    }
}
