package dev.rollback.adapters.alert.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.decision.Baseline;
import dev.rollback.core.decision.Decision;
import dev.rollback.core.decision.Reading;
import dev.rollback.core.decision.Reason;
import dev.rollback.core.decision.Verdict;
import dev.rollback.core.metrics.Signal;
import dev.rollback.core.watch.WatchEvent;
import dev.rollback.testsupport.ci.RecordedRequest;
import dev.rollback.testsupport.ci.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slack alerter against {@link SlackStandIn}, a local server speaking Slack's documented incoming-webhook shapes
 * (Slack itself cannot run here): the payload, the escaping, the single retry on 429, and one-line failures that
 * never show the webhook's secret path.
 */
class SlackWebhookAlerterTest {

    static final Instant AT = Instant.parse("2026-11-23T09:41:00Z");
    static final String SECRET = "s3cr3tT0k3nXyZ";

    final SlackStandIn slack = new SlackStandIn();
    final List<Duration> waits = new ArrayList<>();

    @AfterEach
    void stop() {
        assertThat(slack.violations()).isEmpty();
        slack.close();
    }

    @Test
    void postsOneJsonTextWithTheServiceTheVerdictAndTheNumbers() {
        Optional<String> failure = alerter(SlackWebhookAlerter.TIMEOUT).alert(rollingBack("error rate 0.3 > 0.05 (max)"));

        assertThat(failure).isEmpty();
        RecordedRequest request = slack.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode body = request.json();
        assertThat(body.size()).as("only text: plain, and readable in notifications").isEqualTo(1);
        assertThat(body.path("text").asText()).isEqualTo("""
                rollback watch recsys: ROLLING BACK to the healthy baseline (verdict ROLLBACK_IMMEDIATELY, hard \
                breaches 3/3, at 2026-11-23T09:41:00Z)
                rolling back recsys after 3 consecutive hard breaches: error rate 0.3 &gt; 0.05 (max)
                readings: error rate 0.3, prediction diversity 0.71; healthy baseline v5""");
    }

    @Test
    void escapesSlacksThreeControlCharactersAndNothingElse() {
        alerter(SlackWebhookAlerter.TIMEOUT).alert("recsys", "p99 <!channel> & <http://evil.example|click> > 2s *bold* _x_");

        assertThat(slack.texts()).containsExactly("rollback watch recsys: p99 &lt;!channel&gt; &amp; "
                + "&lt;http://evil.example|click&gt; &gt; 2s *bold* _x_");
    }

    @Test
    void aLongAlertIsCutWithoutSplittingAnEntity() {
        String line = "x".repeat(SlackText.MAX_CHARS - 30) + " <<<<<<<<<<<<<<<<<<<<<<";

        alerter(SlackWebhookAlerter.TIMEOUT).alert("recsys", line);

        String sent = slack.texts().get(0);
        assertThat(sent).endsWith("&lt; …(cut)").hasSizeLessThanOrEqualTo(SlackText.MAX_CHARS + 7);
    }

    @Test
    void a429IsRetriedOnceAfterTheRetryAfterSlackAsksFor() {
        slack.rateLimited("2");

        Optional<String> failure = alerter(SlackWebhookAlerter.TIMEOUT).alert("recsys", "hello");

        assertThat(failure).isEmpty();
        assertThat(slack.texts()).containsExactly("rollback watch recsys: hello", "rollback watch recsys: hello");
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void a429WithoutRetryAfterWaitsSlacksOneSecondPace() {
        slack.rateLimited(null);

        assertThat(alerter(SlackWebhookAlerter.TIMEOUT).alert("recsys", "hello")).isEmpty();
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aSecond429GivesUpWithOneLine() {
        slack.rateLimited("1");
        slack.rateLimited("1");

        Optional<String> failure = alerter(SlackWebhookAlerter.TIMEOUT).alert("recsys", "hello");

        assertThat(slack.requests()).hasSize(2);
        assertThat(failure).hasValueSatisfying(line -> assertThat(line).isEqualTo("Slack alert to " + redacted()
                + " not delivered: Slack is rate-limiting this webhook (HTTP 429 rate_limited) again after waiting 1 s"));
    }

    @Test
    void aRetryAfterLongerThanTheCapIsNotWaitedFor() {
        slack.rateLimited("120");

        Optional<String> failure = alerter(SlackWebhookAlerter.TIMEOUT).alert("recsys", "hello");

        assertThat(slack.requests()).hasSize(1);
        assertThat(waits).isEmpty();
        assertThat(failure).hasValueSatisfying(line -> assertThat(line).endsWith(
                "(HTTP 429 rate_limited) and asks to wait 120 s, longer than 10 s"));
    }

    @Test
    void anUnknownWebhookIsOneLineNamingWhereToFixItWithoutTheSecretPath() {
        slack.slackError(404, "no_service");

        Optional<String> failure = alerter(SlackWebhookAlerter.TIMEOUT).alert(rollingBack("error rate 0.3 > 0.05 (max)"));

        assertThat(slack.requests()).as("no retry but on 429").hasSize(1);
        assertThat(failure).hasValue("Slack alert to " + redacted() + " not delivered: Slack does not know this "
                + "webhook (HTTP 404 no_service): it was removed or disabled; create a new incoming webhook and put its "
                + "URL in $SLACK_WEBHOOK_URL");
        assertThat(failure.get()).doesNotContain(SECRET).doesNotContain("T0TESTTEAM").doesNotContain("\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            400 | invalid_payload     | Slack rejected the message (HTTP 400 invalid_payload); this is a bug in rollback, please report it
            403 | action_prohibited   | the Slack workspace does not let this webhook post (HTTP 403 action_prohibited); ask a Slack admin
            403 | invalid_token       | Slack refused the webhook (HTTP 403 invalid_token): it was revoked or is wrong; create a new incoming webhook and put its URL in $SLACK_WEBHOOK_URL
            404 | channel_not_found   | the webhook's Slack channel no longer exists (HTTP 404 channel_not_found); create a new incoming webhook and put its URL in $SLACK_WEBHOOK_URL
            410 | channel_is_archived | the webhook's Slack channel is archived (HTTP 410 channel_is_archived); unarchive it, or create a new incoming webhook and put its URL in $SLACK_WEBHOOK_URL
            500 | rollup_error        | Slack failed (HTTP 500 rollup_error); try again later
            """)
    void everyDocumentedErrorIsOneLineAndNotRetried(int status, String code, String expected) {
        slack.slackError(status, code);

        Optional<String> failure = alerter(SlackWebhookAlerter.TIMEOUT).alert("recsys", "hello");

        assertThat(slack.requests()).hasSize(1);
        assertThat(failure).hasValue("Slack alert to " + redacted() + " not delivered: " + expected);
    }

    @Test
    void anErrorBodyThatIsNotASlackCodeIsNotEchoed() {
        slack.script("POST", SlackStandIn.WEBHOOK_PATH, Reply.html(502, "Bad Gateway"));

        Optional<String> failure = alerter(SlackWebhookAlerter.TIMEOUT).alert("recsys", "hello");

        assertThat(failure).hasValue("Slack alert to " + redacted() + " not delivered: Slack failed (HTTP 502); "
                + "try again later");
    }

    @Test
    void noAnswerWithinTheTimeoutIsOneLine() {
        slack.slow(Duration.ofSeconds(3));

        Optional<String> failure = alerter(Duration.ofSeconds(1)).alert("recsys", "hello");

        assertThat(failure).hasValue("Slack alert to " + redacted() + " not delivered: cannot reach Slack: no answer "
                + "within 1 s");
    }

    @Test
    void anUnreachableSlackIsOneLineWithoutTheSecretPath() {
        String url = slack.webhookUrl();
        slack.close(); // nothing listens there any more

        Optional<String> failure = alerter(url, SlackWebhookAlerter.TIMEOUT).alert("recsys", "hello");

        assertThat(failure).hasValue("Slack alert to " + redacted() + " not delivered: cannot reach Slack: connection "
                + "refused");
    }

    @Test
    void describeShowsTheHostAndTheSourceNeverThePath() {
        String described = alerter(SlackWebhookAlerter.TIMEOUT).describe();

        assertThat(described).isEqualTo("Slack " + redacted() + " (from $SLACK_WEBHOOK_URL)").doesNotContain(SECRET);
        assertThat(redacted()).isEqualTo(slack.uri() + "/services/***");
    }

    private SlackWebhookAlerter alerter(Duration timeout) {
        return alerter(slack.webhookUrl(), timeout);
    }

    private SlackWebhookAlerter alerter(String url, Duration timeout) {
        return new SlackWebhookAlerter(new SlackWebhook(URI.create(url), "$SLACK_WEBHOOK_URL"),
                SlackWebhookAlerter.client(timeout), timeout, waits::add, Clock.systemUTC());
    }

    private String redacted() {
        return slack.uri() + "/services/***";
    }

    static WatchEvent rollingBack(String reasonText) {
        Reason reason = new Reason(Signal.ERROR_RATE, true, "max", 0.3, 0.05, null, false, reasonText);
        Decision decision = new Decision("recsys", AT, Verdict.ROLLBACK_IMMEDIATELY, List.of(reason),
                List.of(Reading.value(Signal.ERROR_RATE, AT, 0.3), Reading.value(Signal.DIVERSITY, AT, 0.71)),
                new Baseline("5", Map.of(Signal.DIVERSITY, 0.73), List.of()), AT.minusSeconds(60), List.of());
        return new WatchEvent(WatchEvent.Kind.ROLLING_BACK, decision, 3, 3,
                "rolling back recsys after 3 consecutive hard breaches: " + reasonText);
    }
}
