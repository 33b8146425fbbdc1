package dev.rollback.testsupport.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where backfilled data sits in time: a base instant on a whole minute, a few hours ago, and minutes counted from
 * it. Tests build their series and their queries from the same timeline, so "minute 60" means the same instant in
 * both.
 *
 * <p>Why hours ago: Prometheus (15 d retention by default) serves backfilled blocks at once, and data in the past
 * does not meet the samples that live scrapes append to the head block now.
 */
public record Timeline(Instant base) {

    /** Now minus {@code hours}, truncated to the minute. */
    public static Timeline hoursAgo(int hours) {
        return new Timeline(Instant.now().minus(Duration.ofHours(hours)).truncatedTo(ChronoUnit.MINUTES));
    }

    /** base + {@code minutes}. */
    public Instant minute(int minutes) {
        return base.plus(Duration.ofMinutes(minutes));
    }

    /** base + {@code minutes} + {@code seconds}: between two once-a-minute samples. */
    public Instant minute(int minutes, int seconds) {
        return minute(minutes).plusSeconds(seconds);
    }
}
