package dev.rollback.adapters.alert.slack;

import dev.rollback.config.MetricsConfig;
import dev.rollback.adapters.RetryAfter;
import dev.rollback.core.Sleeper;
import dev.rollback.core.watch.Alerter;
import dev.rollback.core.watch.WatchEvent;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Posts watch alerts to a Slack incoming webhook: POST {"text": "..."} as JSON, 5 s to connect and 5 s for the
 * answer, no redirects (the URL is the credential; its body goes nowhere else). One retry, only on 429 and only when
 * Slack's Retry-After is at most {@link #MAX_RETRY_WAIT}: a webhook allows about one message per second, so a burst
 * of alerts may meet it, and waiting longer would delay the next check. Nothing else is retried: a watch alert is
 * worth one try, never a stalled loop. Failures come back as one line that shows the webhook only as
 * {@link SlackWebhook#redacted()}.
 */
public final class SlackWebhookAlerter implements Alerter {

    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    public static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(10);
    /** Slack's documented pace for webhooks is one message per second: the wait when a 429 names none. */
    static final Duration DEFAULT_RETRY_WAIT = Duration.ofSeconds(1);

    private final SlackWebhook webhook;
    private final HttpClient http;
    private final Duration timeout;
    private final Sleeper sleeper;
    private final Clock clock;

    SlackWebhookAlerter(SlackWebhook webhook, HttpClient http, Duration timeout, Sleeper sleeper, Clock clock) {
        this.webhook = webhook;
        this.http = http;
        this.timeout = timeout;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /**
     * The Slack alerter the watch config asks for; empty when it names neither {@code slackWebhookEnv} nor
     * {@code slackWebhookFile}. Reads the URL now, so a missing one fails at start-up, not at the first alert.
     *
     * @throws dev.rollback.config.ConfigException one line, when the variable or file is named but missing or empty,
     *                                             or the value is not an https URL (the value is never shown)
     */
    public static Optional<Alerter> create(MetricsConfig.Watch watch, Map<String, String> env) {
        return SlackWebhook.resolve(watch, env).map(w -> new SlackWebhookAlerter(w, client(TIMEOUT), TIMEOUT,
                Sleeper.REAL, Clock.systemUTC()));
    }

    static HttpClient client(Duration timeout) {
        return HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Optional<String> alert(WatchEvent event) {
        return safely(() -> post(SlackText.of(event)));
    }

    @Override
    public Optional<String> alert(String service, String line) {
        return safely(() -> post(SlackText.of(service, line)));
    }

    /** The loop must never fail because of an alert: anything unforeseen is one line too, minus its message (which
     * could carry the URL). */
    private Optional<String> safely(Supplier<Optional<String>> send) {
        try {
            return send.get();
        } catch (RuntimeException e) {
            return lost("unexpected failure (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String describe() {
        return "Slack " + webhook;
    }

    private Optional<String> post(String text) {
        HttpRequest request = HttpRequest.newBuilder(webhook.uri()).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(SlackText.payload(text))).build();
        try {
            HttpResponse<String> answer = send(request);
            if (answer.statusCode() == 429) {
                Optional<Duration> asked = answer.headers().firstValue("Retry-After").flatMap(v -> RetryAfter.parse(v, clock));
                Duration wait = asked.orElse(DEFAULT_RETRY_WAIT);
                if (wait.compareTo(MAX_RETRY_WAIT) > 0) {
                    return lost(SlackAnswers.failure(429, answer.body(), webhook.source()) + " and asks to wait "
                            + wait.toSeconds() + " s, longer than " + MAX_RETRY_WAIT.toSeconds() + " s");
                }
                sleeper.sleep(wait);
                answer = send(request);
                if (answer.statusCode() == 429) {
                    return lost(SlackAnswers.failure(429, answer.body(), webhook.source()) + " again after "
                            + "waiting " + wait.toSeconds() + " s");
                }
            }
            if (answer.statusCode() / 100 == 2) {
                return Optional.empty();
            }
            return lost(SlackAnswers.failure(answer.statusCode(), answer.body(), webhook.source()));
        } catch (IOException e) {
            return lost("cannot reach Slack: " + SlackAnswers.transport(e, timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the watch is stopping: let it
            return lost("interrupted while sending");
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private Optional<String> lost(String why) {
        return Optional.of("Slack alert to " + webhook.redacted() + " not delivered: " + why);
    }

    @Override
    public String toString() {
        return describe();
    }
}
