package dev.rollback.adapters.alert.slack;

import dev.rollback.adapters.SecretText;
import dev.rollback.config.ConfigException;
import dev.rollback.config.ConfigProblem;
import dev.rollback.config.MetricsConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Slack incoming-webhook URL and where it came from. The whole URL is the credential (anyone holding it can post
 * to the channel), so only {@link #redacted()} and {@link #source()} are ever shown; {@link #toString()} is the
 * redacted form. Read from the environment variable named by {@code metrics.watch.slackWebhookEnv}, else the file
 * named by {@code slackWebhookFile} (a mounted Kubernetes secret); the variable wins when both are named and it is set.
 */
final class SlackWebhook {

    private static final String ENV_KEY = "metrics.watch.slackWebhookEnv";
    private static final String FILE_KEY = "metrics.watch.slackWebhookFile";
    private static final String LOOKS_LIKE = "https://hooks.slack.com/services/T…/B…/…";

    private final URI uri;
    private final String source;

    SlackWebhook(URI uri, String source) {
        this.uri = uri;
        this.source = source;
    }

    /**
     * The configured webhook; empty when the config names neither a variable nor a file (watch without Slack).
     *
     * @throws ConfigException one problem, one line, when it is named but missing, empty or not a usable URL
     */
    static Optional<SlackWebhook> resolve(MetricsConfig.Watch watch, Map<String, String> env) {
        if (watch == null) {
            return Optional.empty();
        }
        String envName = watch.slackWebhookEnv();
        Path file = watch.slackWebhookFile();
        SecretText secret = SecretText.read(envName, file, env);
        String unset = secret.envUnsetPrefix();
        return switch (secret.outcome()) {
            case NOT_CONFIGURED -> Optional.empty();
            case FROM_ENV -> Optional.of(parse(secret.value(), secret.source(), ENV_KEY));
            case FROM_FILE -> Optional.of(parse(secret.value(), secret.source(), FILE_KEY));
            case ENV_UNSET -> throw problem(ENV_KEY, "environment variable " + envName + " is not set; set it to the "
                    + "Slack incoming webhook URL (" + LOOKS_LIKE + "), or remove slackWebhookEnv to watch without "
                    + "Slack alerts");
            case FILE_EMPTY -> throw problem(FILE_KEY, unset + "file " + file + " is empty; it must hold the Slack "
                    + "incoming webhook URL");
            case FILE_MISSING -> throw problem(FILE_KEY, unset + "file " + file + " does not exist; create it holding "
                    + "the Slack incoming webhook URL, or remove slackWebhookFile to watch without Slack alerts");
            case FILE_UNREADABLE -> throw problem(FILE_KEY, unset + "cannot read file " + file + " ("
                    + secret.readError() + "); make it readable by this user");
        };
    }

    /**
     * https only: the URL is the credential and must not cross the network in clear. Plain http is accepted for a
     * loopback address alone (a local relay, the test stand-in). No message ever shows the value.
     */
    private static SlackWebhook parse(String value, String source, String key) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw problem(key, "the Slack webhook URL in " + source + " is not a valid URL (value not shown); it "
                    + "should look like " + LOOKS_LIKE);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && loopback(uri.getHost()))) {
            throw problem(key, "the Slack webhook URL in " + source + " must be an https URL like " + LOOKS_LIKE
                    + " (value not shown)");
        }
        return new SlackWebhook(uri, source);
    }

    private static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // Only literal addresses reach here meaningfully; a name is not resolved (no DNS lookup on a secret).
            return (Character.isDigit(host.charAt(0)) || host.startsWith("["))
                    && InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static ConfigException problem(String key, String message) {
        return new ConfigException(new ConfigProblem(null, 0, 0, key, message));
    }

    /** The secret itself: only for the request. */
    URI uri() {
        return uri;
    }

    /** "$SLACK_WEBHOOK_URL" or "file /run/secrets/slack-webhook": where to fix it. */
    String source() {
        return source;
    }

    /**
     * Scheme, host and port, never the path: {@code https://hooks.slack.com/services/***}. Slack's fixed
     * "/services/" prefix is kept so people recognise the kind of URL; any other path is hidden whole.
     */
    String redacted() {
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() != null && uri.getRawPath().startsWith("/services/") ? "/services/***" : "/***";
        return uri.getScheme() + "://" + uri.getHost() + port + path;
    }

    @Override
    public String toString() {
        return redacted() + " (from " + source + ")";
    }
}
