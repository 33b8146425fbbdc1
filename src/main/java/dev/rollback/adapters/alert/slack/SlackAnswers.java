package dev.rollback.adapters.alert.slack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * What Slack's incoming-webhook answers mean, as one line an operator can act on. Slack answers 200 "ok"; errors
 * carry a status and a short code in a plain-text body (400 invalid_payload, 403 action_prohibited, 404 no_service
 * or channel_not_found, 410 channel_is_archived, 500 rollup_error) and 429 with Retry-After when rate limited.
 */
final class SlackAnswers {

    /** Slack's codes are short snake_case words; anything else in a body is not echoed (it could be a proxy's page). */
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private SlackAnswers() {
    }

    /** Why a non-2xx answer means the alert is lost, and what to do. {@code source} names where the URL comes from. */
    static String failure(int status, String body, String source) {
        String code = code(body).orElse("");
        String http = "HTTP " + status + (code.isEmpty() ? "" : " " + code);
        String replace = "create a new incoming webhook and put its URL in " + source;
        return switch (status) {
            case 400 -> "Slack rejected the message (" + http + "); this is a bug in rollback, please report it";
            case 403 -> code.equals("action_prohibited")
                    ? "the Slack workspace does not let this webhook post (" + http + "); ask a Slack admin"
                    : "Slack refused the webhook (" + http + "): it was revoked or is wrong; " + replace;
            case 404 -> code.equals("channel_not_found")
                    ? "the webhook's Slack channel no longer exists (" + http + "); " + replace
                    : "Slack does not know this webhook (" + http + "): it was removed or disabled; " + replace;
            case 410 -> "the webhook's Slack channel is archived (" + http + "); unarchive it, or " + replace;
            case 429 -> "Slack is rate-limiting this webhook (" + http + ")";
            default -> status >= 500 ? "Slack failed (" + http + "); try again later"
                    : "unexpected answer from Slack (" + http + ")";
        };
    }

    /** Slack's error code when the body is one; never other text. */
    static Optional<String> code(String body) {
        String trimmed = body == null ? "" : body.strip();
        return CODE.matcher(trimmed).matches() ? Optional.of(trimmed) : Optional.empty();
    }

    /** A transport failure in a few words; never the exception's message, which may name the URL. */
    static String transport(IOException failure, Duration timeout) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host";
            }
        }
        if (failure instanceof HttpConnectTimeoutException) {
            return "could not connect within " + timeout.toSeconds() + " s";
        }
        if (failure instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toSeconds() + " s";
        }
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        if (failure instanceof SSLException) {
            return "TLS failure (" + failure.getClass().getSimpleName() + ")";
        }
        return "connection failed (" + failure.getClass().getSimpleName() + ")";
    }
}
