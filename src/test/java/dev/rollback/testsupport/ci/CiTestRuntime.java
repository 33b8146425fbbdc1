package dev.rollback.testsupport.ci;

import dev.rollback.adapters.ci.CiRuntime;
import java.time.Clock;
import java.time.Duration;

/** Runtimes for adapter tests: a real HTTP client against the stand-ins, recorded (not spent) waits. */
public final class CiTestRuntime {

    private CiTestRuntime() {
    }

    public static CiRuntime with(RecordingSleeper sleeper) {
        return with(sleeper, Clock.systemUTC(), Duration.ofSeconds(5));
    }

    public static CiRuntime with(RecordingSleeper sleeper, Clock clock, Duration timeout) {
        return new CiRuntime(CiRuntime.newClient(timeout), timeout, sleeper, clock);
    }
}
