package dev.rollback.core.watch;

import dev.rollback.core.Sleeper;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock for replaying recorded metrics: it stands still until {@link #sleeper()} is asked to wait, and waiting
 * moves it forward by exactly that long at once. A watch over twenty minutes of backfilled data thus takes as long as
 * its queries, and every check lands on a known instant.
 */
final class ReplayClock extends Clock {

    private Instant now;

    ReplayClock(Instant start) {
        this.now = start;
    }

    Sleeper sleeper() {
        return duration -> now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
