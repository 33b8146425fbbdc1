package dev.rollback.core.report;

import dev.rollback.adapters.journal.FileJournalStore;
import dev.rollback.core.decision.Baseline;
import dev.rollback.core.decision.Decision;
import dev.rollback.core.decision.Reading;
import dev.rollback.core.decision.Reason;
import dev.rollback.core.decision.Verdict;
import dev.rollback.core.decision.Verification;
import dev.rollback.core.decision.Verification.SignalRecovery;
import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.metrics.Signal;
import dev.rollback.core.plan.ExecutionListener;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.plan.PlanExecutor;
import dev.rollback.core.plan.Step;
import dev.rollback.core.plan.StepContext;
import dev.rollback.core.plan.StepFactory;
import dev.rollback.core.plan.StepSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Journals written by the real code (FileJournalStore, PlanExecutor) for the 2 AM model rollback, with steps
 * that only record values, a clock that ticks 2 s per entry, and DECISION/VERIFICATION entries as the metrics
 * commands write them.
 */
public final class ReportScenario {

    public static final String ID = "rb-20261123-021433-recsys-7f3a";
    public static final Instant PLANNED = Instant.parse("2026-11-23T02:14:33Z");
    /** Everything Markdown could take for structure, in one reason. */
    public static final String NASTY_REASON = "diversity collapse | revenue *down* 40% <script>alert(1)</script> `rm -rf` "
            + "[dash](http://grafana/d/1) _x_ &copy; R&D\n# not a heading\n- not a list\n> not a quote";

    private final Path dir;
    final TickingClock clock;

    public ReportScenario(Path dir) {
        this(dir, PLANNED);
    }

    /** For a rollback planned at another time: its entries start a second after {@code planned}. */
    public ReportScenario(Path dir, Instant planned) {
        this.dir = dir;
        this.clock = new TickingClock(planned.plusSeconds(1), Duration.ofSeconds(2));
    }

    public static Plan plan(String reason) {
        return plan(ID, PLANNED, "recsys", reason);
    }

    public static Plan plan(String id, Instant planned, String service, String reason) {
        String model = "homepage-recsys";
        List<StepSpec> steps = List.of(
                step("registry.alias", "model", "alias 'champion' of " + model, "7", "5"),
                step("registry.stage", "model", "stage of " + model + " v5", "None", "Production"),
                step("registry.stage", "model", "stage of " + model + " v7", "Production", "Archived"),
                step("serving.reference", "serving", "Deployment ml-serving/model-server container server env MODEL_URI",
                        "models:/" + model + "/7", "models:/" + model + "/5"),
                step("serving.rollout", "serving", "rollout of Deployment ml-serving/model-server", "in progress",
                        "complete"),
                new StepSpec("registry.audit-tags", "audit", "audit tags on v7 and v5", "v7 untagged",
                        "v7 rolled_back_from, v5 rollback_target", Map.of("model", model, "from", "7", "to", "5")));
        return new Plan(id, "model", service, planned, "oncall@example.com", reason, steps,
                List.of("feature pipeline (rollback features)", "training data (rollback retrain)",
                        "v4, v6 left in stage Production (archive them after the incident)"));
    }

    private static StepSpec step(String type, String layer, String target, String before, String after) {
        return new StepSpec(type, layer, target, before, after, Map.of());
    }

    public Journal create(Plan plan) {
        return new FileJournalStore(dir).create(plan);
    }

    /** The journal as a later command sees it: read back from its file. */
    public Journal reopened(Journal journal) {
        return new FileJournalStore(dir).open(journal.id()).orElseThrow();
    }

    /** Stands for kill -9 in the middle of a step: unwinds past the executor without any further entry. */
    static final class Crash extends Error {
    }

    /**
     * Runs the plan. A step whose target starts with one of {@code failing} fails, one in {@code stuck} cannot be
     * undone, one in {@code crashing} kills the process while it runs.
     */
    public void run(Journal journal, Set<String> failing, Set<String> stuck, Set<String> crashing) {
        StepFactory steps = spec -> new Step() {
            @Override
            public StepSpec spec() {
                return spec;
            }

            @Override
            public String apply(StepContext context) {
                if (crashing.stream().anyMatch(spec.target()::startsWith)) {
                    throw new Crash();
                }
                if (failing.stream().anyMatch(spec.target()::startsWith)) {
                    throw new IllegalStateException("PATCH rejected: 422 | spec.template is invalid\nfield `env` [0]");
                }
                return spec.after();
            }

            @Override
            public String compensate(StepContext context) {
                if (stuck.stream().anyMatch(spec.target()::startsWith)) {
                    throw new IllegalStateException("registry answered 503 while restoring " + spec.before());
                }
                return spec.before();
            }
        };
        try {
            new PlanExecutor(steps, new ExecutionListener() { }, clock, () -> true).run(journal,
                    new StepContext(journal.id(), "oncall@example.com", "test", Duration.ofSeconds(5), p -> { }));
        } catch (Crash expected) {
            // the journal stays as the killed process left it
        }
    }

    /** The decision `rollback watch` made: breach seen 4m5s before it, 23 s before the plan. */
    public static Decision decision() {
        Instant at = PLANNED.minusSeconds(23);
        return new Decision("recsys", at, Verdict.ROLLBACK_IMMEDIATELY,
                List.of(new Reason(Signal.REVENUE_LOSS_PER_MINUTE, true, "max", 310, 100, null, false,
                                "revenue loss per minute 310 > 100 (max)"),
                        new Reason(Signal.ERROR_RATE, true, "max", 0.12, 0.05, null, false, "error rate 0.12 > 0.05 (max)"),
                        new Reason(Signal.P99_LATENCY, true, "max", 850, 500, null, true, "p99 latency 850 > 500 (max)")),
                List.of(Reading.value(Signal.REVENUE_LOSS_PER_MINUTE, at, 310), Reading.value(Signal.ERROR_RATE, at, 0.12),
                        Reading.synthetic(Signal.P99_LATENCY, at, 850),
                        Reading.gap(Signal.DIVERSITY, at, "no data | for 5m")),
                new Baseline("5", Map.of(Signal.DIVERSITY, 0.73), List.of()), at.minusSeconds(245),
                List.of("no threshold for primary metric: that rule was not checked"));
    }

    /** Recorded after the END entry: error rate recovered after 40 s, diversity never, revenue went unread. */
    Verification verification() {
        Instant start = clock.peek().plusSeconds(4);
        return new Verification(start, start.plus(Duration.ofMinutes(5)), Duration.ofMinutes(5), 5, false,
                List.of(new SignalRecovery(Signal.ERROR_RATE, "<=", 0.05, null, 0.01, null, start.plusSeconds(40),
                                Duration.ofSeconds(40)),
                        new SignalRecovery(Signal.DIVERSITY, ">=", 0.6935, 0.73, 0.52, null, null, null),
                        new SignalRecovery(Signal.REVENUE_LOSS_PER_MINUTE, "<=", 100, null, null,
                                "query timed out after 10s", null, null)),
                null);
    }

    /** The whole incident: decision, rollback, a note, verification. */
    public Journal completedWithDecision() {
        Journal journal = create(plan(NASTY_REASON));
        journal.append(JournalEntry.decision(decision(), "rollback watch recsys"));
        run(journal, Set.of(), Set.of(), Set.of());
        journal.append(JournalEntry.note(clock.instant(), "paged #ml-oncall; see <https://status.example.com>"));
        Verification verification = verification();
        journal.append(JournalEntry.verification(verification.endedAt(), verification, null));
        return journal;
    }

    /** Started by hand; the serving change is rejected and everything is undone. */
    public Journal revertedByHand() {
        Journal journal = create(plan("bad model: diversity down to 0.31"));
        run(journal, Set.of("Deployment"), Set.of(), Set.of());
        return journal;
    }
}
