package dev.rollback.core.plan;

/** Observes a plan run (progress lines, tests); the journal is written by the executor itself. */
public interface ExecutionListener {

    default void beforeStep(int index, StepSpec spec) {
    }

    default void applied(int index, StepSpec spec, String observed) {
    }

    default void failed(int index, StepSpec spec, RuntimeException error) {
    }

    default void compensating(int index, StepSpec spec) {
    }

    default void compensated(int index, StepSpec spec, String observed) {
    }

    default void compensationFailed(int index, StepSpec spec, RuntimeException error) {
    }
}
