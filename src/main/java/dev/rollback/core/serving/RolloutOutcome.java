package dev.rollback.core.serving;

import java.util.List;

/**
 * How a rollout ended. When it did not complete, {@code podProblems} names the failing pods and why
 * ("model-server-7c9f-abcde: ImagePullBackOff: ..."), so the operator sees the cause, not a timeout.
 */
public record RolloutOutcome(boolean complete, RolloutProgress lastProgress, String summary, List<String> podProblems) {

    public RolloutOutcome {
        podProblems = List.copyOf(podProblems);
    }
}
