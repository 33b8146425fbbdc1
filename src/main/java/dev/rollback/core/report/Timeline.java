package dev.rollback.core.report;

import dev.rollback.core.Words;
import dev.rollback.core.decision.Decision;
import dev.rollback.core.decision.Numbers;
import dev.rollback.core.decision.Reason;
import dev.rollback.core.decision.Verification;
import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.report.TimelineEvent.Kind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every journal entry in time order. A DECISION may be made before the PLAN that follows it, and entries can
 * follow END (a retrain's run result), so the file order is not the time order; the sort is stable, so entries
 * written in the same instant keep their order.
 */
final class Timeline {

    private Timeline() {
    }

    static List<TimelineEvent> of(Plan plan, List<JournalEntry> entries) {
        List<TimelineEvent> events = new ArrayList<>();
        for (JournalEntry e : entries) {
            switch (e.type()) {
                case PLAN -> events.add(event(e, Kind.PLAN, plan.kind() + " rollback of " + plan.service() + ", "
                        + plan.steps().size() + " step" + (plan.steps().size() == 1 ? "" : "s") + ", by " + plan.by()));
                case DECISION -> decision(e, events);
                case VERIFICATION -> verification(e, events);
                case END -> events.add(event(e, Kind.END, (e.outcome() == null ? "ended" : ReportWords.outcome(e.outcome()))
                        + (e.detail() == null ? "" : ": " + e.detail())));
                case NOTE -> events.add(event(e, Kind.NOTE, e.detail()));
                case INTENT, APPLIED, FAILED, COMPENSATE_INTENT, COMPENSATED, COMPENSATION_FAILED -> {
                    String target = e.step() >= 0 && e.step() < plan.steps().size()
                            ? plan.steps().get(e.step()).target() : null;
                    events.add(new TimelineEvent(e.at(), Kind.valueOf(e.type().name()), e.step() + 1, target,
                            e.detail()));
                }
                // an entry type newer than this report: still on the timeline, as a note naming its type
                default -> events.add(event(e, Kind.NOTE, e.type() + (e.detail() == null ? "" : ": " + e.detail())));
            }
        }
        events.sort(Comparator.comparing(TimelineEvent::at));
        return events;
    }

    private static void decision(JournalEntry e, List<TimelineEvent> events) {
        Decision d = e.decision();
        if (d == null) {
            events.add(event(e, Kind.DECISION, e.detail()));
            return;
        }
        if (d.firstBreachAt() != null) {
            events.add(new TimelineEvent(d.firstBreachAt(), Kind.BREACH_FIRST_SEEN, null, null,
                    Words.joinAnd(d.reasons().stream().map(r -> r.signal().label()).distinct().toList())));
        }
        String why = d.reasons().isEmpty() ? "no threshold breached"
                : String.join("; ", d.reasons().stream().map(Reason::message).toList());
        events.add(event(e, Kind.DECISION, ReportWords.verdict(d.verdict()) + ": " + why + own(e)));
    }

    private static void verification(JournalEntry e, List<TimelineEvent> events) {
        Verification v = e.verification();
        if (v == null) {
            events.add(event(e, Kind.VERIFICATION, e.detail()));
            return;
        }
        if (v.skipped() != null) {
            events.add(event(e, Kind.VERIFICATION, "skipped: " + v.skipped() + own(e)));
            return;
        }
        events.add(new TimelineEvent(v.startedAt(), Kind.VERIFICATION_STARTED, null, null, "window "
                + Words.duration(v.window()) + ", tolerance " + Numbers.format(v.tolerancePercent()) + "%"));
        long recovered = v.signals().stream().filter(Verification.SignalRecovery::recovered).count();
        events.add(event(e, Kind.VERIFICATION, (v.passed() ? "passed" : "failed") + ": " + recovered + " of "
                + v.signals().size() + " signals recovered" + own(e)));
    }

    private static TimelineEvent event(JournalEntry e, Kind kind, String detail) {
        return new TimelineEvent(e.at(), kind, null, null, detail);
    }

    /** The writer's own detail on a DECISION or VERIFICATION entry, when it added one. */
    private static String own(JournalEntry e) {
        return e.detail() == null || e.detail().isBlank() ? "" : " (" + e.detail() + ")";
    }
}
