package dev.rollback.core.watch;

import java.util.Optional;

/**
 * Where {@code rollback watch} tells people what it saw and did (a chat channel). Alerting is a courtesy next to the
 * rollback itself, so an alerter never throws into the loop: a message that could not be delivered comes back as
 * one line saying why, for the caller to print, and the loop goes on.
 */
public interface Alerter {

    /**
     * Sends one of the loop's moments (callers send the events whose {@link WatchEvent#alert()} is true).
     *
     * @return empty when delivered; else why not, one line without any secret
     */
    Optional<String> alert(WatchEvent event);

    /**
     * Sends a line that is not a loop event, such as how the triggered rollback ended.
     *
     * @return empty when delivered; else why not, one line without any secret
     */
    Optional<String> alert(String service, String line);

    /** Where alerts go, safe to print: "Slack https://hooks.slack.com/services/*** (from $SLACK_WEBHOOK_URL)". */
    String describe();
}
