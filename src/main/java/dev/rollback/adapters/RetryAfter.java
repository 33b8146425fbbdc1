package dev.rollback.adapters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** HTTP's Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, as a wait that is never negative. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait the header asks for; empty when it is neither form. */
    public static Optional<Duration> parse(String value, Clock clock) {
        String text = value.strip();
        try {
            return Optional.of(nonNegative(Duration.ofSeconds(Long.parseLong(text))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(nonNegative(Duration.between(clock.instant(), at)));
            } catch (DateTimeParseException neither) {
                return Optional.empty();
            }
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
