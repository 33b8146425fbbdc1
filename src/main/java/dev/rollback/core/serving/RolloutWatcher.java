package dev.rollback.core.serving;

import java.time.Duration;
import java.util.function.Consumer;

/** Something whose rollout can be waited for: a model-reference binding or a serving platform. */
public interface RolloutWatcher {

    /** For plans and messages, e.g. "Deployment ml-serving/model-server". */
    String describe();

    /**
     * Waits until the rollout that the last change started is complete, reporting progress about once a
     * second. Never throws for a rollout that is merely slow: the outcome says what is wrong.
     */
    RolloutOutcome awaitRollout(Duration timeout, Consumer<RolloutProgress> progress);
}
