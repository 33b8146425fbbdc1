package dev.rollback.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.core.decision.Baseline;
import dev.rollback.core.decision.Decision;
import dev.rollback.core.decision.Reading;
import dev.rollback.core.decision.Reason;
import dev.rollback.core.decision.Verdict;
import dev.rollback.core.decision.Verification;

import java.io.PrintWriter;

import static dev.rollback.core.decision.Numbers.format;

/** A decision and a verification for people (a few lines) and for scripts (JSON), shared by decide, watch and drill. */
public final class DecisionRenderer {

    private DecisionRenderer() {
    }

    public static void table(Decision d, String source, Style style, PrintWriter out) {
        out.println(d.service() + ": " + verdict(d.verdict(), style) + "  (at " + Json.time(d.at()) + ")");
        if (d.reasons().isEmpty()) {
            out.println("  no threshold is breached");
        }
        for (Reason r : d.reasons()) {
            out.println("  " + (r.hard() ? style.bad("hard") : style.warn("soft")) + "  " + r.message());
        }
        Table readings = new Table("SIGNAL", "VALUE");
        for (Reading r : d.readings()) {
            readings.row(r.signal().label(), r.isGap() ? "gap: " + r.gap()
                    : format(r.value()) + (r.synthetic() ? " (synthetic)" : ""));
        }
        out.println("readings from " + source + ":");
        readings.print(out, "  ");
        out.println("baseline: " + baseline(d.baseline()));
        d.notes().forEach(n -> out.println("note: " + n));
    }

    /** What to do next, in one line, for the decision's verdict. */
    public static String next(Decision d) {
        return switch (d.verdict()) {
            case ROLLBACK_IMMEDIATELY -> "next: rollback model " + d.service() + " --to healthy-baseline";
            case INVESTIGATE_FIRST -> "next: look at the model's quality (rollback candidates " + d.service()
                    + "); roll back with 'rollback model " + d.service() + " --to healthy-baseline' if it is the release";
            case MONITOR -> "next: nothing; keep watching";
        };
    }

    private static String verdict(Verdict v, Style style) {
        return switch (v) {
            case ROLLBACK_IMMEDIATELY -> style.bad(v.name());
            case INVESTIGATE_FIRST -> style.warn(v.name());
            case MONITOR -> style.good(v.name());
        };
    }

    private static String baseline(Baseline b) {
        if (b.version() == null) {
            return "none";
        }
        StringBuilder text = new StringBuilder("v" + b.version());
        b.values().forEach((s, v) -> text.append(", ").append(s.label()).append(' ').append(format(v)));
        return text.toString();
    }

    public static ObjectNode json(Decision d, String source) {
        ObjectNode doc = Json.document("Decision");
        doc.put("service", d.service()).put("at", Json.time(d.at())).put("verdict", d.verdict().name())
                .put("source", source).put("synthetic", d.synthetic());
        doc.put("firstBreachAt", d.firstBreachAt() == null ? null : Json.time(d.firstBreachAt()));
        fill(doc, d);
        return doc;
    }

    /** The decision's fields into an existing object (watch and drill embed it). */
    public static void fill(ObjectNode node, Decision d) {
        ArrayNode reasons = node.putArray("reasons");
        for (Reason r : d.reasons()) {
            ObjectNode o = reasons.addObject().put("signal", r.signal().key()).put("hard", r.hard())
                    .put("rule", r.rule()).put("observed", r.observed()).put("limit", r.limit())
                    .put("synthetic", r.synthetic()).put("message", r.message());
            o.put("baseline", r.baseline());
        }
        ArrayNode readings = node.putArray("readings");
        for (Reading r : d.readings()) {
            ObjectNode o = readings.addObject().put("signal", r.signal().key()).put("at", Json.time(r.at()));
            o.put("value", r.value());
            o.put("gap", r.gap());
            o.put("synthetic", r.synthetic());
        }
        ObjectNode baseline = node.putObject("baseline");
        baseline.put("version", d.baseline().version());
        ObjectNode values = baseline.putObject("values");
        d.baseline().values().forEach((s, v) -> values.put(s.key(), v));
        ArrayNode notes = node.putArray("notes");
        d.notes().forEach(notes::add);
    }

    /** One line: "recovered in 45s: error rate 0.01 <= 0.05, diversity 0.7 >= 0.657" or what did not. */
    public static String verification(Verification v) {
        if (v.skipped() != null) {
            return (v.passed() ? "verification skipped: " : "NOT verified: ") + v.skipped();
        }
        StringBuilder text = new StringBuilder(v.passed() ? "recovered within " + dev.rollback.core.Words.duration(v.took())
                : "NOT recovered within " + dev.rollback.core.Words.duration(v.window()));
        String sep = ": ";
        for (Verification.SignalRecovery s : v.signals()) {
            text.append(sep).append(s.signal().label()).append(' ')
                    .append(s.lastValue() == null ? "? (" + s.lastGap() + ")" : format(s.lastValue())).append(' ')
                    .append(s.comparison()).append(' ').append(format(s.bound()));
            if (s.recovered()) {
                text.append(" after ").append(dev.rollback.core.Words.duration(s.took()));
            } else {
                text.append(" (not recovered)");
            }
            sep = ", ";
        }
        return text.toString();
    }

    public static ObjectNode verificationJson(Verification v) {
        ObjectNode node = Json.object();
        node.put("passed", v.passed()).put("skipped", v.skipped()).put("startedAt", Json.time(v.startedAt()))
                .put("endedAt", Json.time(v.endedAt())).put("windowSeconds", v.window().toSeconds())
                .put("tolerancePercent", v.tolerancePercent());
        ArrayNode signals = node.putArray("signals");
        for (Verification.SignalRecovery s : v.signals()) {
            ObjectNode o = signals.addObject().put("signal", s.signal().key()).put("comparison", s.comparison())
                    .put("bound", s.bound()).put("recovered", s.recovered());
            o.put("baseline", s.baseline());
            o.put("lastValue", s.lastValue());
            o.put("lastGap", s.lastGap());
            o.put("recoveredAt", s.recoveredAt() == null ? null : Json.time(s.recoveredAt()));
            o.put("recoverySeconds", s.took() == null ? null : s.took().toMillis() / 1000.0);
        }
        return node;
    }
}
