package dev.rollback.core.report;

import dev.rollback.core.Words;
import dev.rollback.core.decision.Decision;
import dev.rollback.core.decision.Reason;
import dev.rollback.core.decision.Severity;
import dev.rollback.core.decision.Verification;
import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.journal.JournalState;
import dev.rollback.core.metrics.Signal;
import dev.rollback.core.plan.Plan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Builds an {@link IncidentReport} from a journal alone: no registry, cluster or metrics source is asked. */
public final class IncidentReportBuilder {

    private IncidentReportBuilder() {
    }

    public static IncidentReport from(Journal journal) {
        Plan plan = journal.plan();
        List<JournalEntry> entries = journal.entries();
        JournalState state = JournalState.of(entries);
        Optional<Decision> decision = entries.stream().filter(e -> e.type() == JournalEntry.Type.DECISION)
                .map(JournalEntry::decision).filter(d -> d != null).findFirst();
        Optional<Verification> verification = entries.stream()
                .filter(e -> e.type() == JournalEntry.Type.VERIFICATION).map(JournalEntry::verification)
                .filter(v -> v != null).reduce((first, second) -> second);
        Instant planAt = entries.stream().filter(e -> e.type() == JournalEntry.Type.PLAN).map(JournalEntry::at)
                .findFirst().orElse(plan.createdAt());
        String endDetail = entries.stream().filter(e -> e.type() == JournalEntry.Type.END)
                .reduce((first, second) -> second).map(JournalEntry::detail).orElse(null);
        List<Phase> phases = Phases.of(decision, planAt, state.endedAt(), verification);
        Layers.Grouped grouped = Layers.of(plan, StepOutcomes.of(plan, entries));
        Severity severity = decision.map(d -> Severity.of(d.reasons())).orElse(Severity.P3);
        return new IncidentReport(journal.id(), plan.kind(), plan.service(), plan.by(), plan.reason(), planAt,
                state.endedAt(), ReportStatus.of(state.outcome()), endDetail, ChangeSummaries.of(plan), severity,
                severityBasis(severity, decision), Timeline.of(plan, entries), phases, Mttr.of(phases),
                grouped.layers(), grouped.leftAlone(), decision, verification, journal.location());
    }

    /** Which reasons made the severity, so a reader can check it against Severity's rule. */
    private static String severityBasis(Severity severity, Optional<Decision> decision) {
        if (decision.isEmpty()) {
            return "no metrics decision recorded";
        }
        List<Reason> reasons = decision.get().reasons();
        if (reasons.isEmpty()) {
            return "the metrics decision found no breach";
        }
        List<String> labels = reasons.stream().map(Reason::signal).distinct()
                .filter(s -> switch (severity) {
                    case P1 -> s == Signal.REVENUE_LOSS_PER_MINUTE;
                    case P2 -> s == Signal.ERROR_RATE || s == Signal.P99_LATENCY;
                    case P3 -> true;
                }).map(Signal::label).toList();
        return (severity == Severity.P3 ? "only " : "") + Words.joinAnd(labels) + " breached";
    }
}
