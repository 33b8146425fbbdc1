package dev.rollback.core.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One stretch of the incident, measured between two journal facts; {@code missing} says why it could not be
 * measured (a manual rollback has no detection), so a report never guesses.
 *
 * @param from    null when not recorded
 * @param to      null when not recorded
 * @param missing null when recorded; else why not, for people
 */
public record Phase(Name name, Instant from, Instant to, String missing) {

    public enum Name {
        /** the breach was first seen → the metrics decision */
        DETECTION,
        /** the metrics decision → the rollback's plan */
        TRIAGE,
        /** the plan → the END entry */
        EXECUTION,
        /** the verification's own start → end */
        VERIFICATION;

        /** "detection", as in JSON and prose. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Phase recorded(Name name, Instant from, Instant to) {
        return new Phase(name, from, to, null);
    }

    static Phase missing(Name name, String why) {
        return new Phase(name, null, null, why);
    }

    public boolean isRecorded() {
        return missing == null;
    }

    public Optional<Duration> took() {
        return isRecorded() ? Optional.of(Duration.between(from, to)) : Optional.empty();
    }
}
