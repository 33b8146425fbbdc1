package dev.rollback.adapters.alert.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.core.decision.Decision;
import dev.rollback.core.decision.Numbers;
import dev.rollback.core.decision.Reading;
import dev.rollback.core.watch.WatchEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an alert says in Slack: plain text naming the service, what happened, the verdict and the numbers. Slack
 * parses {@code &}, {@code <} and {@code >} in message text as control characters (links, mentions such as
 * {@code <!channel>}), so they are escaped as its formatting reference asks; nothing else is, so the text reads the
 * same as on the terminal.
 */
final class SlackText {

    /** Slack truncates very long messages; an alert beyond this is cut (a gap reason can carry a long error). */
    static final int MAX_CHARS = 3500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackText() {
    }

    static String of(WatchEvent event) {
        Decision d = event.decision();
        String head = "rollback watch " + d.service() + ": " + what(event.kind()) + " (verdict " + d.verdict()
                + ", hard breaches " + event.streak() + "/" + event.needed() + ", at " + d.at() + ")"
                + (d.synthetic() ? " [drill: synthetic values]" : "");
        String baseline = d.baseline() == null || d.baseline().version() == null ? ""
                : "; healthy baseline v" + d.baseline().version();
        return head + "\n" + event.message() + "\nreadings: " + readings(d.readings()) + baseline;
    }

    static String of(String service, String line) {
        return "rollback watch " + service + ": " + line;
    }

    /** The request body Slack's incoming webhooks take: {"text": "..."}, escaped and cut to size. */
    static String payload(String text) {
        String escaped = escape(text);
        if (escaped.length() > MAX_CHARS) {
            int cut = MAX_CHARS;
            int amp = escaped.lastIndexOf('&', cut - 1);
            if (amp >= 0 && escaped.indexOf(';', amp) >= cut) {
                cut = amp; // never split an entity ("&am"): Slack would show the broken half
            }
            escaped = escaped.substring(0, cut) + " …(cut)";
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("text", escaped);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    /** Slack's three control characters as HTML entities; '&' first so the others are not escaped twice. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String what(WatchEvent.Kind kind) {
        return switch (kind) {
            case OK -> "ok";
            case HARD_BREACH -> "hard breach";
            case GAP -> "cannot read a hard signal";
            case STREAK_RESET -> "streak of hard breaches ended";
            case SOFT_ALERT -> "investigate (soft breach, no action taken)";
            case SOFT_CLEARED -> "soft breach over";
            case ROLLING_BACK -> "ROLLING BACK to the healthy baseline";
        };
    }

    private static String readings(List<Reading> readings) {
        if (readings.isEmpty()) {
            return "none";
        }
        return String.join(", ", readings.stream().map(r -> r.signal().label() + " "
                + (r.isGap() ? "no value (" + r.gap() + ")" : Numbers.format(r.value()))).toList());
    }
}
