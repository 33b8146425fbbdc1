package dev.rollback.adapters.ci;

import java.time.Duration;

/** Waits between attempts. Injected so tests can check the waits without spending them. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Really waits. */
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
}
