package dev.rollback.core.report;

import dev.rollback.core.decision.Decision;
import dev.rollback.core.decision.Severity;
import dev.rollback.core.decision.Verification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The facts of one rollback for a post-incident review, all taken from its journal; renderers turn them into
 * Markdown or JSON. Nothing here is guessed: what the journal does not record is absent and says so.
 *
 * @param kind           the plan's kind: model | infra | model+infra | features | retrain
 * @param startedAt      the PLAN entry's time
 * @param endedAt        the END entry's time; empty while unfinished
 * @param endDetail      the END entry's detail ("all 6 steps applied"); null while unfinished
 * @param severity       {@link Severity#of} the decision's reasons; P3 when there is no decision
 * @param severityBasis  why, for people: "revenue loss per minute breached", "no metrics decision recorded"
 * @param phases         detection, triage, execution, verification, in that order
 * @param layers         model, serving, features, data, in that order (then any other layer a step named)
 * @param leftAlone      what the plan said it leaves alone beyond whole layers ("v4, v6 left in stage Production")
 * @param decision       the first DECISION entry's decision: the one that triggered the rollback
 * @param verification   the last VERIFICATION entry's verification: a later check supersedes an earlier one
 * @param journal        where the journal is stored
 */
public record IncidentReport(String id, String kind, String service, String by, String reason, Instant startedAt,
        Optional<Instant> endedAt, ReportStatus status, String endDetail, ChangeSummary change, Severity severity,
        String severityBasis, List<TimelineEvent> timeline, List<Phase> phases, Mttr mttr, List<LayerReport> layers,
        List<String> leftAlone, Optional<Decision> decision, Optional<Verification> verification, String journal) {

    public IncidentReport {
        timeline = List.copyOf(timeline);
        phases = List.copyOf(phases);
        layers = List.copyOf(layers);
        leftAlone = List.copyOf(leftAlone);
    }

    /** Every planned step, in plan order. */
    public List<StepReport> steps() {
        return layers.stream().flatMap(l -> l.steps().stream())
                .sorted(java.util.Comparator.comparingInt(StepReport::number)).toList();
    }

    public long count(StepResult result) {
        return steps().stream().filter(s -> s.result() == result).count();
    }

    public Phase phase(Phase.Name name) {
        return phases.stream().filter(p -> p.name() == name).findFirst().orElseThrow();
    }

    public boolean finished() {
        return status != ReportStatus.UNFINISHED;
    }
}
