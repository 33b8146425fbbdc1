package dev.rollback.core.report;

import dev.rollback.cli.render.MarkdownReport;
import dev.rollback.core.decision.Baseline;
import dev.rollback.core.decision.Decision;
import dev.rollback.core.decision.Reason;
import dev.rollback.core.decision.Severity;
import dev.rollback.core.decision.Verdict;
import dev.rollback.core.decision.Verification;
import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.metrics.Signal;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.core.report.Phase.Name;
import dev.rollback.core.report.TimelineEvent.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the builder reads from journals written by the real executor, one way of ending at a time. */
class ReportBuilderTest {

    @TempDir
    Path dir;

    private ReportScenario scenario() {
        return new ReportScenario(dir);
    }

    @Test
    void anIncidentFromBreachToVerificationHasEveryPhaseAndTheirSumAsMttr() {
        IncidentReport report = IncidentReportBuilder.from(scenario().completedWithDecision());

        assertThat(report.status()).isEqualTo(ReportStatus.COMPLETED);
        assertThat(report.severity()).isEqualTo(Severity.P1);
        assertThat(report.change()).isEqualTo(new ChangeSummary("model", "v7", "v5"));
        assertThat(report.phase(Name.DETECTION).took()).contains(Duration.ofSeconds(245));
        assertThat(report.phase(Name.TRIAGE).took()).contains(Duration.ofSeconds(23));
        assertThat(report.phase(Name.EXECUTION).took()).contains(Duration.ofSeconds(25)); // 12 entries, 2 s apart + 1 s
        assertThat(report.phase(Name.VERIFICATION).took()).contains(Duration.ofMinutes(5));
        assertThat(report.mttr().total()).isEqualTo(Duration.ofSeconds(245 + 23 + 25 + 300));
        assertThat(report.mttr().complete()).isTrue();
    }

    @Test
    void theTimelineIsInTimeOrderThoughTheDecisionIsWrittenAfterThePlan() {
        IncidentReport report = IncidentReportBuilder.from(scenario().completedWithDecision());

        List<Kind> kinds = report.timeline().stream().map(TimelineEvent::kind).toList();
        assertThat(kinds.subList(0, 4)).containsExactly(Kind.BREACH_FIRST_SEEN, Kind.DECISION, Kind.PLAN, Kind.INTENT);
        assertThat(kinds.subList(kinds.size() - 4, kinds.size())).containsExactly(Kind.END, Kind.NOTE,
                Kind.VERIFICATION_STARTED, Kind.VERIFICATION);
        assertThat(report.timeline()).isSortedAccordingTo(java.util.Comparator.comparing(TimelineEvent::at));
        assertThat(report.timeline()).filteredOn(e -> e.kind() == Kind.APPLIED).extracting(TimelineEvent::step)
                .containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void stepsAreFiledUnderTheirLayerAndUntouchedLayersSaySo() {
        IncidentReport report = IncidentReportBuilder.from(scenario().completedWithDecision());

        assertThat(report.layers()).extracting(LayerReport::layer).containsExactly("model", "serving", "features", "data");
        assertThat(report.layers().get(0).steps()).extracting(StepReport::number).as("audit tags live in the registry")
                .containsExactly(1, 2, 3, 6);
        assertThat(report.layers().get(1).steps()).extracting(StepReport::number).containsExactly(4, 5);
        assertThat(report.layers().get(2).unchanged()).isEqualTo("feature pipeline (rollback features)");
        assertThat(report.layers().get(3).unchanged()).isEqualTo("training data (rollback retrain)");
        assertThat(report.leftAlone()).containsExactly("v4, v6 left in stage Production (archive them after the incident)");
        assertThat(report.steps()).extracting(StepReport::result).containsOnly(StepResult.APPLIED);
    }

    @Test
    void aRevertedRunSaysWhichStepFailedAndThatEveryAppliedStepWasUndone() {
        IncidentReport report = IncidentReportBuilder.from(scenario().revertedByHand());

        assertThat(report.status()).isEqualTo(ReportStatus.REVERTED);
        assertThat(report.steps()).extracting(StepReport::result).containsExactly(StepResult.UNDONE, StepResult.UNDONE,
                StepResult.UNDONE, StepResult.UNDONE, StepResult.NOT_RUN, StepResult.NOT_RUN);
        assertThat(report.steps()).filteredOn(StepReport::failedToApply).extracting(StepReport::number).containsExactly(4);
        assertThat(report.steps().get(3).applyError()).startsWith("PATCH rejected: 422");
        assertThat(report.endDetail()).contains("undid 4 step(s)");
    }

    @Test
    void aRunThatCouldNotBeUndoneNeedsAttentionAndNamesTheStuckStep() {
        ReportScenario scenario = scenario();
        Journal journal = scenario.create(ReportScenario.plan("serving broke"));
        scenario.run(journal, Set.of("Deployment"), Set.of("alias"), Set.of());

        IncidentReport report = IncidentReportBuilder.from(journal);

        assertThat(report.status()).isEqualTo(ReportStatus.NEEDS_ATTENTION);
        StepReport alias = report.steps().get(0);
        assertThat(alias.result()).isEqualTo(StepResult.UNDO_FAILED);
        assertThat(alias.undoError()).isEqualTo("registry answered 503 while restoring 7");
        assertThat(MarkdownReport.render(report)).contains("# Incident report: recsys rollback v7 → v5 needs attention",
                "**needs attention**", "step 1 (alias 'champion' of homepage-recsys) could not be undone",
                "**could not be undone**: registry answered 503 while restoring 7");
    }

    @Test
    void anUnfinishedJournalSaysHowToFinishItAndMeasuresNoExecution() {
        ReportScenario scenario = scenario();
        Journal journal = scenario.create(ReportScenario.plan("killed mid-way"));
        scenario.run(journal, Set.of(), Set.of(), Set.of("Deployment"));

        IncidentReport report = IncidentReportBuilder.from(scenario.reopened(journal));

        assertThat(report.status()).isEqualTo(ReportStatus.UNFINISHED);
        assertThat(report.finished()).isFalse();
        assertThat(report.endedAt()).isEmpty();
        assertThat(report.steps().get(3).result()).as("intent written, then killed").isEqualTo(StepResult.STARTED);
        assertThat(report.count(StepResult.APPLIED)).isEqualTo(3);
        assertThat(report.phase(Name.EXECUTION).isRecorded()).isFalse();
        assertThat(report.mttr().covers()).isEmpty();
        assertThat(MarkdownReport.render(report)).contains("**unfinished**: run `rollback resume " + ReportScenario.ID
                + "` to finish it or `rollback abort " + ReportScenario.ID + "` to undo it",
                "3 of 6 steps applied so far", "**started, result not recorded**", "MTTR is not recorded");
    }

    @Test
    void aManualRollbackIsP3WithoutDetectionOrTriageAndItsMttrSaysItCoversExecutionOnly() {
        IncidentReport report = IncidentReportBuilder.from(scenario().revertedByHand());

        assertThat(report.decision()).isEmpty();
        assertThat(report.severity()).isEqualTo(Severity.P3);
        assertThat(report.severityBasis()).isEqualTo("no metrics decision recorded");
        assertThat(report.phase(Name.DETECTION).missing()).contains("started by hand");
        assertThat(report.phase(Name.TRIAGE).isRecorded()).isFalse();
        assertThat(report.mttr().covers()).containsExactly(Name.EXECUTION);
        assertThat(report.mttr().missing()).containsExactly(Name.DETECTION, Name.TRIAGE, Name.VERIFICATION);
    }

    @Test
    void severityFollowsTheDecisionsReasons() {
        assertThat(severityOf(reason(Signal.ERROR_RATE), reason(Signal.DIVERSITY)))
                .isEqualTo("P2: error rate breached");
        assertThat(severityOf(reason(Signal.DIVERSITY))).isEqualTo("P3: only prediction diversity breached");
        assertThat(severityOf()).isEqualTo("P3: the metrics decision found no breach");
    }

    @Test
    void aDecisionMadeAfterThePlanStartedLeavesTriageUnmeasuredRatherThanNegative() {
        ReportScenario scenario = scenario();
        Journal journal = scenario.create(ReportScenario.plan("watch was late"));
        Decision late = decisionAt(ReportScenario.PLANNED.plusSeconds(30), List.of(reason(Signal.ERROR_RATE)));
        journal.append(JournalEntry.decision(late, null));

        IncidentReport report = IncidentReportBuilder.from(journal);

        assertThat(report.phase(Name.TRIAGE).missing()).startsWith("not measurable");
        assertThat(report.mttr().total()).isEqualTo(report.phase(Name.DETECTION).took().orElseThrow());
    }

    @Test
    void aSkippedVerificationIsNotAPhase() {
        ReportScenario scenario = scenario();
        Journal journal = scenario.create(ReportScenario.plan("no metrics"));
        scenario.run(journal, Set.of(), Set.of(), Set.of());
        Instant at = scenario.clock.instant();
        journal.append(JournalEntry.verification(at, Verification.skipped(at, "--no-verify"), null));

        IncidentReport report = IncidentReportBuilder.from(journal);

        assertThat(report.phase(Name.VERIFICATION).missing()).isEqualTo("skipped: --no-verify");
        assertThat(report.timeline().get(report.timeline().size() - 1).detail()).isEqualTo("skipped: --no-verify");
        assertThat(MarkdownReport.render(report)).contains("Skipped: --no-verify.", "Verification was skipped");
    }

    @Test
    void otherKindsOfRollbackNameWhatTheyMoved() {
        assertThat(changeOf("infra", "serving", Map.of("fromRevision", "3", "toRevision", "2"), List.of()))
                .isEqualTo(new ChangeSummary("serving revision", "3", "2"));
        assertThat(changeOf("features", "features", Map.of("base", "0123456789abcdef", "target", "fedcba9876543210"),
                List.of())).isEqualTo(new ChangeSummary("feature pipeline", "012345678", "fedcba987"));
        assertThat(changeOf("retrain", "data", Map.of("dataset", "v12"), List.of()))
                .isEqualTo(new ChangeSummary("training data", null, "dataset v12"));
        assertThat(changeOf("model", "model", Map.of(), List.of()).known()).isFalse();
    }

    @Test
    void aLayerThePlanLeftToAnotherCommandIsUnchangedWithThePlansWords() {
        Plan plan = plan("features", "features", Map.of(), List.of("model registry (rollback model)",
                "serving (rollback infra)", "history of main: the restore is a new commit on rollback/x"));

        IncidentReport report = IncidentReportBuilder.from(scenario().create(plan));

        assertThat(report.layers()).extracting(LayerReport::unchanged).containsExactly("model registry (rollback model)",
                "serving (rollback infra)", null, "not part of this plan");
        assertThat(report.leftAlone()).containsExactly("history of main: the restore is a new commit on rollback/x");
    }

    private ChangeSummary changeOf(String kind, String layer, Map<String, String> params, List<String> untouched) {
        return IncidentReportBuilder.from(scenario().create(plan(kind, layer, params, untouched))).change();
    }

    private static int plans;

    private static Plan plan(String kind, String layer, Map<String, String> params, List<String> untouched) {
        return new Plan("rb-test-" + (++plans), kind, "recsys", ReportScenario.PLANNED, "alice", "why",
                List.of(new StepSpec("test", layer, "the thing", "a", "b", params)), untouched);
    }

    private String severityOf(Reason... reasons) {
        ReportScenario scenario = scenario();
        Journal journal = scenario.create(ReportScenario.plan("rb-sev-" + (++plans), ReportScenario.PLANNED, "recsys",
                "why"));
        journal.append(JournalEntry.decision(decisionAt(ReportScenario.PLANNED.minusSeconds(60), List.of(reasons)), null));
        IncidentReport report = IncidentReportBuilder.from(journal);
        return report.severity() + ": " + report.severityBasis();
    }

    private static Reason reason(Signal signal) {
        return new Reason(signal, signal.hard(), "max", 2, 1, null, false, signal.label() + " 2 > 1 (max)");
    }

    private static Decision decisionAt(Instant at, List<Reason> reasons) {
        return new Decision("recsys", at, Verdict.ROLLBACK_IMMEDIATELY, reasons, List.of(), Baseline.none("none"),
                at.minusSeconds(60), List.of());
    }
}
