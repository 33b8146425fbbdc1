package dev.rollback.core.watch;

import dev.rollback.core.decision.Decision;

import java.util.ArrayList;
import java.util.List;

/** The thing under test in the watch tests is whether and when the loop pulls the trigger: this one only records it. */
final class RecordingTrigger implements RollbackTrigger {

    final List<Decision> calls = new ArrayList<>();

    @Override
    public Triggered rollBack(Decision decision) {
        calls.add(decision);
        return new Triggered("rb-" + calls.size(), true, "rolled back to the healthy baseline", 0);
    }
}
