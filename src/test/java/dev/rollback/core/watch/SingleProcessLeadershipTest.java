package dev.rollback.core.watch;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Without a cluster the process leads at once and until stopped; stop() is what SIGTERM calls. */
class SingleProcessLeadershipTest {

    @Test
    void runsTheWorkOnceAndStillLeaderTurnsFalseOnStop() {
        SingleProcessLeadership leadership = new SingleProcessLeadership();
        List<Boolean> seen = new ArrayList<>();

        leadership.run(stillLeader -> {
            seen.add(stillLeader.getAsBoolean());
            leadership.stop();
            seen.add(stillLeader.getAsBoolean());
        });

        assertThat(seen).containsExactly(true, false);
    }

    @Test
    void stoppedBeforeRunningNeverRunsTheWork() {
        SingleProcessLeadership leadership = new SingleProcessLeadership();
        leadership.stop();
        List<String> ran = new ArrayList<>();

        leadership.run(stillLeader -> ran.add("work"));

        assertThat(ran).isEmpty();
    }
}
