package dev.rollback.adapters.alert.slack;

import dev.rollback.config.ConfigException;
import dev.rollback.config.MetricsConfig;
import dev.rollback.core.watch.Alerter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link SlackWebhookAlerter#create}: where the webhook URL comes from (the variable named by slackWebhookEnv, else
 * the file named by slackWebhookFile), the one-line errors when it is named but missing, and that the value never
 * appears in any of them. Deliveries go to {@link SlackStandIn}, which speaks Slack's documented webhook shapes.
 */
class SlackWebhookFactoryTest {

    static final Duration INTERVAL = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    final SlackStandIn slack = new SlackStandIn();

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void noSlackConfiguredMeansNoAlerter() {
        assertThat(SlackWebhookAlerter.create(watch(null, null), Map.of("SLACK_WEBHOOK_URL", slack.webhookUrl())))
                .as("a variable that happens to be set is not a reason to post").isEmpty();
        assertThat(SlackWebhookAlerter.create(null, Map.of())).isEmpty();
    }

    @Test
    void theUrlFromTheNamedVariableDelivers() {
        Alerter alerter = SlackWebhookAlerter.create(watch("SLACK_WEBHOOK_URL", null),
                Map.of("SLACK_WEBHOOK_URL", " " + slack.webhookUrl() + "\n")).orElseThrow();

        assertThat(alerter.alert("recsys", "watching")).isEmpty();
        assertThat(slack.texts()).containsExactly("rollback watch recsys: watching");
        assertThat(alerter.describe()).isEqualTo("Slack " + slack.uri() + "/services/*** (from $SLACK_WEBHOOK_URL)");
    }

    @Test
    void theUrlFromAMountedSecretFileDelivers() throws Exception {
        Path file = Files.writeString(dir.resolve("slack-webhook"), slack.webhookUrl() + "\n");

        Alerter alerter = SlackWebhookAlerter.create(watch("SLACK_WEBHOOK_URL", file), Map.of()).orElseThrow();

        assertThat(alerter.alert("recsys", "watching")).isEmpty();
        assertThat(alerter.describe()).endsWith("(from file " + file + ")");
    }

    @Test
    void theVariableWinsOverTheFileWhenSet() throws Exception {
        Path file = Files.writeString(dir.resolve("slack-webhook"), "https://hooks.slack.com/services/T1/B1/fromfile");

        Alerter alerter = SlackWebhookAlerter.create(watch("SLACK_WEBHOOK_URL", file),
                Map.of("SLACK_WEBHOOK_URL", slack.webhookUrl())).orElseThrow();

        assertThat(alerter.describe()).contains("(from $SLACK_WEBHOOK_URL)");
    }

    @Test
    void aNamedVariableThatIsNotSetIsOneLineSayingWhatToDo() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SlackWebhookAlerter.create(watch("SLACK_WEBHOOK_URL", null), Map.of("SLACK_WEBHOOK_URL", " ")));

        assertThat(e.getMessage()).isEqualTo("metrics.watch.slackWebhookEnv: environment variable SLACK_WEBHOOK_URL is "
                + "not set; set it to the Slack incoming webhook URL (https://hooks.slack.com/services/T…/B…/…), or "
                + "remove slackWebhookEnv to watch without Slack alerts");
    }

    @Test
    void aMissingOrEmptySecretFileIsOneLine() throws Exception {
        Path missing = dir.resolve("nope");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SlackWebhookAlerter.create(watch("SLACK_WEBHOOK_URL", missing), Map.of()));
        assertThat(e.getMessage()).isEqualTo("metrics.watch.slackWebhookFile: environment variable SLACK_WEBHOOK_URL "
                + "is not set and file " + missing + " does not exist; create it holding the Slack incoming webhook "
                + "URL, or remove slackWebhookFile to watch without Slack alerts");

        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        e = catchThrowableOfType(ConfigException.class, () -> SlackWebhookAlerter.create(watch(null, empty), Map.of()));
        assertThat(e.getMessage()).isEqualTo("metrics.watch.slackWebhookFile: file " + empty + " is empty; it must "
                + "hold the Slack incoming webhook URL");
    }

    @Test
    void aUrlThatIsNotHttpsIsRefusedWithoutShowingIt() {
        String plain = "http://hooks.slack.com/services/T1/B1/plainTextSecret";
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SlackWebhookAlerter.create(watch("SLACK_WEBHOOK_URL", null), Map.of("SLACK_WEBHOOK_URL", plain)));

        assertThat(e.getMessage()).isEqualTo("metrics.watch.slackWebhookEnv: the Slack webhook URL in $SLACK_WEBHOOK_URL "
                + "must be an https URL like https://hooks.slack.com/services/T…/B…/… (value not shown)");
    }

    @Test
    void aMalformedUrlIsRefusedWithoutShowingIt() {
        String broken = "https://hooks.slack.com/services/T1/B1/sec ret|{}";
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SlackWebhookAlerter.create(watch("SLACK_WEBHOOK_URL", null), Map.of("SLACK_WEBHOOK_URL", broken)));

        assertThat(e.getMessage()).doesNotContain("sec ret").contains("is not a valid URL (value not shown)");
    }

    @Test
    void theRedactedFormKeepsOnlySchemeHostPortAndSlacksFixedPrefix() {
        assertThat(new SlackWebhook(URI.create("https://hooks.slack.com/services/T1/B2/abc"), "x").redacted())
                .isEqualTo("https://hooks.slack.com/services/***");
        assertThat(new SlackWebhook(URI.create("https://user:pw@relay.internal:8443/hook/abc?k=v"), "x")
                .redacted()).isEqualTo("https://relay.internal:8443/***");
    }

    private static MetricsConfig.Watch watch(String env, Path file) {
        return new MetricsConfig.Watch(INTERVAL, 3, env, file);
    }
}
