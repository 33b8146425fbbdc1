package dev.rollback.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them, in rollback.yaml and on the command line: 500ms, 30s, 5m, 2h. */
public final class DurationText {

    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)");

    private DurationText() {
    }

    /**
     * The duration; empty when the text is not of that form (zero is returned as zero: callers word that refusal).
     *
     * @throws ArithmeticException when it does not fit a Duration
     */
    public static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        ChronoUnit unit = switch (m.group(2)) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            default -> ChronoUnit.HOURS;
        };
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException tooManyDigits) {
            throw new ArithmeticException("duration too long: " + text);
        }
        return Optional.of(Duration.of(amount, unit));
    }
}
