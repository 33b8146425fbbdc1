package dev.rollback.core;

import java.time.Duration;

/** Waiting, made replaceable so tests need not wait (and replays of recorded metrics can move their clock). */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(Math.max(0, duration.toMillis()));

    void sleep(Duration duration) throws InterruptedException;
}
