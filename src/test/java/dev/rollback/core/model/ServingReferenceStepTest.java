package dev.rollback.core.model;

import dev.rollback.core.plan.StepContext;
import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.RolloutProgress;
import dev.rollback.core.serving.ServingBinding;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The step's optimistic-concurrency rule, on an in-memory binding that behaves like an API server
 * object: every write (ours, or the controller's status update) bumps the resourceVersion, and a
 * write carrying a stale one is refused. The Kubernetes binding itself is tested on the mock API server.
 */
class ServingReferenceStepTest {

    private static final String OLD = "models:/recsys/7";
    private static final String NEW = "models:/recsys/5";
    private final StepContext context = new StepContext("rb-1", "oncall@host", "diversity collapsed",
            Duration.ofSeconds(1), line -> { });

    @Test
    void retriesWhenOnlyTheStatusChangedBetweenReadAndWrite() {
        ObjectLikeBinding serving = new ObjectLikeBinding(OLD);
        serving.statusUpdatesBeforeWrites = 2; // the controller wins the race twice

        String result = step(serving).apply(context);

        assertThat(serving.reference).isEqualTo(NEW);
        assertThat(serving.writeAttempts).isEqualTo(3);
        assertThat(result).startsWith(NEW);
    }

    @Test
    void refusesWhenSomeoneElseChangedTheReferenceMeanwhile() {
        ObjectLikeBinding serving = new ObjectLikeBinding(OLD);
        serving.concurrentReferenceBeforeWrite = "models:/recsys/8";

        assertThatThrownBy(() -> step(serving).apply(context))
                .isInstanceOf(ServingException.class)
                .hasMessageContaining("is models:/recsys/8, not " + OLD + " as planned");
        assertThat(serving.reference).isEqualTo("models:/recsys/8");
    }

    @Test
    void givesUpAfterBoundedAttemptsUnderConstantStatusChurn() {
        ObjectLikeBinding serving = new ObjectLikeBinding(OLD);
        serving.statusUpdatesBeforeWrites = Integer.MAX_VALUE;

        assertThatThrownBy(() -> step(serving).apply(context))
                .isInstanceOf(ServingException.class)
                .extracting(e -> ((ServingException) e).kind()).isEqualTo(ServingException.Kind.CONFLICT);
        assertThat(serving.writeAttempts).isEqualTo(5);
        assertThat(serving.reference).isEqualTo(OLD);
    }

    @Test
    void undoAlsoSurvivesAStatusUpdateAndRecordsTheUndoCause() {
        ObjectLikeBinding serving = new ObjectLikeBinding(NEW);
        serving.statusUpdatesBeforeWrites = 1;

        step(serving).compensate(context);

        assertThat(serving.reference).isEqualTo(OLD);
        assertThat(serving.changeCauses).containsExactly("undo of rollback rb-1 by oncall@host: diversity collapsed");
    }

    private static ServingReferenceStep step(ServingBinding serving) {
        return new ServingReferenceStep(ServingReferenceStep.spec(serving, OLD, NEW), serving);
    }

    private static final class ObjectLikeBinding implements ServingBinding {
        String reference;
        long resourceVersion = 100;
        int statusUpdatesBeforeWrites;
        String concurrentReferenceBeforeWrite;
        int writeAttempts;
        final List<String> changeCauses = new ArrayList<>();

        ObjectLikeBinding(String reference) {
            this.reference = reference;
        }

        @Override
        public String describe() {
            return "Deployment ml/model-server container server env MODEL_URI";
        }

        @Override
        public ServingSnapshot read() {
            return new ServingSnapshot(reference, Long.toString(resourceVersion), 1, "1");
        }

        @Override
        public ServingSnapshot setModelReference(ServingSnapshot expected, String newReference, String changeCause) {
            writeAttempts++;
            if (statusUpdatesBeforeWrites > 0) {
                statusUpdatesBeforeWrites--;
                resourceVersion++; // a status write lands between our read and our write
            }
            if (concurrentReferenceBeforeWrite != null) {
                reference = concurrentReferenceBeforeWrite;
                concurrentReferenceBeforeWrite = null;
                resourceVersion++;
            }
            if (!expected.resourceVersion().equals(Long.toString(resourceVersion))) {
                throw new ServingException(ServingException.Kind.CONFLICT, "changed since it was read");
            }
            reference = newReference;
            resourceVersion++;
            changeCauses.add(changeCause);
            return read();
        }

        @Override
        public RolloutOutcome awaitRollout(Duration timeout, Consumer<RolloutProgress> progress) {
            return new RolloutOutcome(true, null, "complete", List.of());
        }
    }
}
