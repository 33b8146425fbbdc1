package dev.rollback.adapters.alert.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.testsupport.ci.RecordedRequest;
import dev.rollback.testsupport.ci.Reply;
import dev.rollback.testsupport.ci.StandInServer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A STAND-IN for Slack's incoming webhooks (Slack cannot run here), speaking the request and response shapes Slack
 * documents: "Sending messages using incoming webhooks" (https://api.slack.com/messaging/webhooks), the webhook error
 * codes (https://api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks) and the rate limits page
 * (https://api.slack.com/apis/rate-limits: about one message per second, then HTTP 429 with Retry-After).
 *
 * <ul>
 *   <li>POST to the webhook's own path ({@link #WEBHOOK_PATH}), any other path: 404 {@code no_service};</li>
 *   <li>a JSON body (Content-Type application/json) holding a non-empty {@code text} string, or {@code blocks};
 *       a body that is not such JSON: 400 {@code invalid_payload} (what Slack answers; not a violation, since
 *       the tests may send one on purpose);</li>
 *   <li>success: 200 with the plain body {@code ok}, as Slack answers;</li>
 *   <li>the errors Slack documents, scripted by the tests with {@link #slackError} and {@link #rateLimited}:
 *       400 invalid_payload, 403 action_prohibited, 404 channel_not_found / no_service, 410 channel_is_archived,
 *       500 rollup_error, 429 with Retry-After.</li>
 * </ul>
 * Like Slack, it does not care whether {@code &}, {@code <} and {@code >} are escaped (Slack would just interpret
 * them); the tests check the escaping themselves.
 */
final class SlackStandIn extends StandInServer {

    /** Shaped like a real webhook path: team, bot and the secret token. */
    static final String WEBHOOK_PATH = "/services/T0TESTTEAM/B0TESTBOT/s3cr3tT0k3nXyZ";

    /** The webhook URL, as an operator would put it in $SLACK_WEBHOOK_URL. */
    String webhookUrl() {
        return uri() + WEBHOOK_PATH;
    }

    /** The next POST gets this documented error: status and Slack's plain-text code. */
    void slackError(int status, String code) {
        script("POST", WEBHOOK_PATH, text(status, code));
    }

    /** The next POST is rate limited; {@code retryAfter} null sends no Retry-After header. */
    void rateLimited(String retryAfter) {
        Reply reply = text(429, "rate_limited");
        script("POST", WEBHOOK_PATH, retryAfter == null ? reply : reply.header("Retry-After", retryAfter));
    }

    /** The next POST is answered only after {@code delay} (to provoke the client's timeout). */
    void slow(Duration delay) {
        script("POST", WEBHOOK_PATH, text(200, "ok").after(delay));
    }

    /** The "text" of every request that reached the webhook, in order. */
    List<String> texts() {
        return requests("POST", WEBHOOK_PATH).stream().map(r -> r.json().path("text").asText()).toList();
    }

    @Override
    protected Reply handle(RecordedRequest request) {
        if (!request.path().equals(WEBHOOK_PATH)) {
            return text(404, "no_service");
        }
        check(request.method().equals("POST"), "incoming webhooks take POST");
        check(request.header("Content-Type").orElse("").startsWith("application/json"),
                "a JSON body is sent as application/json");
        JsonNode body;
        try {
            body = request.json();
        } catch (RuntimeException notJson) {
            return text(400, "invalid_payload");
        }
        boolean hasText = body.path("text").isTextual() && !body.path("text").asText().isBlank();
        if (!body.isObject() || !(hasText || body.path("blocks").isArray())) {
            return text(400, "invalid_payload");
        }
        return text(200, "ok");
    }

    /** Slack answers webhooks with a short plain body, served as text/html. */
    private static Reply text(int status, String body) {
        return new Reply(status, Map.of("Content-Type", List.of("text/html")), body, Duration.ZERO);
    }
}
