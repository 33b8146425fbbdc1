package dev.rollback.core.plan;

import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.journal.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The all-or-nothing property, step by step: whichever step fails, the state ends fully rolled back
 * or exactly as it was, and the journal tells which. Steps here write to an in-memory map.
 */
class PlanExecutorTest {

    private static final List<String> KEYS = List.of("alias", "stage-target", "stage-live", "serving", "rollout", "tags");
    private static final Map<String, String> START = Map.of("alias", "7", "stage-target", "None",
            "stage-live", "Production", "serving", "models:/m/7", "rollout", "done", "tags", "none");
    private static final Map<String, String> END = Map.of("alias", "5", "stage-target", "Production",
            "stage-live", "Archived", "serving", "models:/m/5", "rollout", "done", "tags", "written");

    private final Map<String, String> state = new HashMap<>(START);
    private final StepContext context = new StepContext("rb-1", "alice", "test", Duration.ofSeconds(1), s -> { });
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T02:00:00Z"), ZoneOffset.UTC);

    /** Fails apply of the step whose key is {@code failOn}; "crash" simulates the process dying there. */
    private StepFactory factory(String failOn, boolean crash) {
        return spec -> new Step() {
            @Override
            public StepSpec spec() {
                return spec;
            }

            @Override
            public String apply(StepContext c) {
                String key = spec.param("key");
                if (key.equals(failOn)) {
                    state.put(key, "half-done"); // a failing step may have changed something
                    if (crash) {
                        throw new Crash();
                    }
                    throw new IllegalStateException(key + " rejected");
                }
                state.put(key, spec.after());
                return spec.after();
            }

            @Override
            public String compensate(StepContext c) {
                state.put(spec.param("key"), spec.before());
                return spec.before();
            }
        };
    }

    /** Stands for kill -9: unwinds without running any compensation. */
    static final class Crash extends Error {
    }

    private Plan plan() {
        List<StepSpec> steps = KEYS.stream().map(k -> new StepSpec("test", "model", k, START.get(k), END.get(k),
                Map.of("key", k))).toList();
        return new Plan("rb-1", "model", "recsys", Instant.EPOCH, "alice", "test", steps, List.of());
    }

    @Test
    void allStepsApplied() {
        InMemoryJournal journal = new InMemoryJournal(plan());

        ExecutionResult result = new PlanExecutor(factory("none", false), new ExecutionListener() { }, clock, () -> true)
                .run(journal, context);

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(state).isEqualTo(END);
        assertThat(journal.entries().get(journal.entries().size() - 1).outcome()).isEqualTo(Outcome.COMPLETED);
    }

    @Test
    void aFailureAtAnyStepLeavesTheStateExactlyAsItWas() {
        for (String failing : KEYS) {
            state.clear();
            state.putAll(START);
            InMemoryJournal journal = new InMemoryJournal(plan());

            ExecutionResult result = new PlanExecutor(factory(failing, false), new ExecutionListener() { }, clock,
                    () -> true).run(journal, context);

            assertThat(result.outcome()).as("failing at " + failing).isEqualTo(Outcome.REVERTED);
            assertThat(state).as("failing at " + failing).isEqualTo(START);
            int failedIndex = KEYS.indexOf(failing);
            assertThat(result.compensated()).as("undone newest first, the failed step included")
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(0, failedIndex).map(i -> failedIndex - i).boxed().toList());
            assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f).contains(failing + " rejected"));
        }
    }

    @Test
    void everyStepIsJournaledBeforeItRuns() {
        InMemoryJournal journal = new InMemoryJournal(plan());
        new PlanExecutor(factory("serving", false), new ExecutionListener() { }, clock, () -> true).run(journal, context);

        List<JournalEntry.Type> types = journal.entries().stream().map(JournalEntry::type).toList();
        assertThat(types.subList(0, 9)).containsExactly(JournalEntry.Type.PLAN,
                JournalEntry.Type.INTENT, JournalEntry.Type.APPLIED, JournalEntry.Type.INTENT, JournalEntry.Type.APPLIED,
                JournalEntry.Type.INTENT, JournalEntry.Type.APPLIED, JournalEntry.Type.INTENT, JournalEntry.Type.FAILED);
        assertThat(types.get(types.size() - 1)).isEqualTo(JournalEntry.Type.END);
    }

    @Test
    void aCrashAtAnyStepCanBeResumedToTheEndOrAbortedToTheStart() {
        for (String crashing : KEYS) {
            for (boolean resume : new boolean[] {true, false}) {
                state.clear();
                state.putAll(START);
                InMemoryJournal journal = new InMemoryJournal(plan());
                try {
                    new PlanExecutor(factory(crashing, true), new ExecutionListener() { }, clock, () -> true)
                            .run(journal, context);
                } catch (Crash expected) {
                    // the process is gone; the journal is all that is left
                }
                PlanExecutor restarted = new PlanExecutor(factory("none", false), new ExecutionListener() { }, clock,
                        () -> true);
                ExecutionResult result = resume ? restarted.run(journal, context) : restarted.abort(journal, context);

                String what = (resume ? "resume" : "abort") + " after crash at " + crashing;
                assertThat(result.outcome()).as(what).isEqualTo(resume ? Outcome.COMPLETED : Outcome.ABORTED);
                assertThat(state).as(what).isEqualTo(resume ? END : START);
            }
        }
    }

    @Test
    void losingTheLockStopsAndUndoes() {
        InMemoryJournal journal = new InMemoryJournal(plan());
        int[] calls = {0};

        ExecutionResult result = new PlanExecutor(factory("none", false), new ExecutionListener() { }, clock,
                () -> ++calls[0] < 3).run(journal, context);

        assertThat(result.outcome()).isEqualTo(Outcome.REVERTED);
        assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f).contains("lost the rollback lock"));
        assertThat(state).isEqualTo(START);
    }

    @Test
    void aFailedUndoNeedsAttention() {
        InMemoryJournal journal = new InMemoryJournal(plan());
        StepFactory failingUndo = spec -> {
            Step inner = factory("rollout", false).create(spec);
            return new Step() {
                @Override
                public StepSpec spec() {
                    return spec;
                }

                @Override
                public String apply(StepContext c) {
                    return inner.apply(c);
                }

                @Override
                public String compensate(StepContext c) {
                    if (spec.param("key").equals("alias")) {
                        throw new IllegalStateException("registry down");
                    }
                    return inner.compensate(c);
                }
            };
        };

        ExecutionResult result = new PlanExecutor(failingUndo, new ExecutionListener() { }, clock, () -> true)
                .run(journal, context);

        assertThat(result.outcome()).isEqualTo(Outcome.NEEDS_ATTENTION);
        assertThat(result.compensationFailed()).containsExactly(0);
        assertThat(state.get("alias")).isEqualTo("5");
    }
}
