package dev.rollback.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.core.decision.Decision;
import dev.rollback.core.decision.Reading;
import dev.rollback.core.decision.Reason;
import dev.rollback.core.decision.Verification;
import dev.rollback.core.decision.Verification.SignalRecovery;
import dev.rollback.core.report.IncidentReport;
import dev.rollback.core.report.LayerReport;
import dev.rollback.core.report.Phase;
import dev.rollback.core.report.StepReport;
import dev.rollback.core.report.TimelineEvent;

import java.time.Duration;

/** {@code kind: IncidentReport}: the Markdown report's facts, field by field (schema in the README). */
public final class ReportJson {

    private ReportJson() {
    }

    public static ObjectNode document(IncidentReport r) {
        ObjectNode doc = Json.document("IncidentReport");
        doc.put("id", r.id()).put("service", r.service()).put("rollbackKind", r.kind()).put("by", r.by())
                .put("reason", r.reason()).put("startedAt", Json.time(r.startedAt()))
                .put("endedAt", Json.time(r.endedAt().orElse(null))).put("status", r.status().name())
                .put("endDetail", r.endDetail()).put("journal", r.journal());
        doc.putObject("change").put("subject", r.change().subject()).put("from", r.change().from())
                .put("to", r.change().to());
        doc.putObject("severity").put("level", r.severity().name()).put("basis", r.severityBasis());
        ArrayNode phases = doc.putArray("phases");
        for (Phase p : r.phases()) {
            phases.addObject().put("name", p.name().key()).put("recorded", p.isRecorded())
                    .put("from", Json.time(p.from())).put("to", Json.time(p.to()))
                    .put("seconds", p.took().map(ReportJson::seconds).orElse(null)).put("missing", p.missing());
        }
        ObjectNode mttr = doc.putObject("mttr").put("seconds", seconds(r.mttr().total()));
        ArrayNode covers = mttr.putArray("covers");
        r.mttr().covers().forEach(n -> covers.add(n.key()));
        ArrayNode missing = mttr.putArray("missing");
        r.mttr().missing().forEach(n -> missing.add(n.key()));
        ArrayNode layers = doc.putArray("layers");
        for (LayerReport l : r.layers()) {
            ObjectNode layer = layers.addObject().put("layer", l.layer()).put("changed", l.changed())
                    .put("unchanged", l.unchanged());
            ArrayNode steps = layer.putArray("steps");
            l.steps().forEach(s -> step(s, steps.addObject()));
        }
        ArrayNode leftAlone = doc.putArray("leftAlone");
        r.leftAlone().forEach(leftAlone::add);
        doc.set("decision", r.decision().map(ReportJson::decision).orElse(null));
        doc.set("verification", r.verification().map(ReportJson::verification).orElse(null));
        ArrayNode timeline = doc.putArray("timeline");
        for (TimelineEvent e : r.timeline()) {
            timeline.addObject().put("at", Json.time(e.at())).put("event", e.kind().name()).put("step", e.step())
                    .put("target", e.target()).put("detail", e.detail());
        }
        return doc;
    }

    private static void step(StepReport s, ObjectNode node) {
        node.put("index", s.number()).put("type", s.spec().type()).put("layer", s.spec().layer())
                .put("target", s.spec().target()).put("before", s.spec().before()).put("after", s.spec().after())
                .put("result", s.result().name()).put("applyError", s.applyError()).put("undoError", s.undoError())
                .put("observed", s.observed());
    }

    private static ObjectNode decision(Decision d) {
        ObjectNode node = Json.object().put("at", Json.time(d.at())).put("firstBreachAt", Json.time(d.firstBreachAt()))
                .put("verdict", d.verdict().name())
                .put("baselineVersion", d.baseline() == null ? null : d.baseline().version())
                .put("synthetic", d.synthetic());
        ArrayNode reasons = node.putArray("reasons");
        for (Reason r : d.reasons()) {
            reasons.addObject().put("signal", r.signal().key()).put("hard", r.hard()).put("rule", r.rule())
                    .put("observed", r.observed()).put("limit", r.limit()).put("baseline", r.baseline())
                    .put("synthetic", r.synthetic()).put("message", r.message());
        }
        ArrayNode readings = node.putArray("readings");
        for (Reading r : d.readings()) {
            readings.addObject().put("signal", r.signal().key()).put("at", Json.time(r.at())).put("value", r.value())
                    .put("gap", r.gap()).put("synthetic", r.synthetic());
        }
        ArrayNode notes = node.putArray("notes");
        d.notes().forEach(notes::add);
        return node;
    }

    private static ObjectNode verification(Verification v) {
        ObjectNode node = Json.object().put("startedAt", Json.time(v.startedAt())).put("endedAt", Json.time(v.endedAt()))
                .put("windowSeconds", v.window() == null ? null : seconds(v.window()))
                .put("tolerancePercent", v.tolerancePercent()).put("passed", v.passed()).put("skipped", v.skipped());
        ArrayNode signals = node.putArray("signals");
        for (SignalRecovery s : v.signals()) {
            signals.addObject().put("signal", s.signal().key()).put("comparison", s.comparison()).put("bound", s.bound())
                    .put("baseline", s.baseline()).put("lastValue", s.lastValue()).put("lastGap", s.lastGap())
                    .put("recovered", s.recovered()).put("recoveredAt", Json.time(s.recoveredAt()))
                    .put("tookSeconds", s.took() == null ? null : seconds(s.took()));
        }
        return node;
    }

    /** Seconds with millisecond precision: a rollout wait of 282 ms is 0.282, not 0. */
    private static Double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
