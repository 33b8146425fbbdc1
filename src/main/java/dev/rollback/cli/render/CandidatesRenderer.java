package dev.rollback.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.core.candidates.Candidate;
import dev.rollback.core.candidates.Candidates;
import dev.rollback.core.candidates.Exclusion;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** {@code rollback candidates} as a table (people) or a JSON document (scripts). */
public final class CandidatesRenderer {

    private CandidatesRenderer() {
    }

    public static void table(Candidates c, boolean showExcluded, Style style, PrintWriter out) {
        out.println("Rollback targets for " + style.bold(c.service()) + " (model " + c.modelName() + ", live "
                + c.liveVersion().map(v -> "v" + v).orElse("none") + "):");
        String metric = c.primaryMetricName();
        List<String> headers = new ArrayList<>(List.of("RANK", "VERSION", "CREATED"));
        if (metric != null) {
            headers.add(metric.toUpperCase(Locale.ROOT));
        }
        headers.addAll(List.of("SOURCE", "WHY"));
        Table table = new Table(headers.toArray(String[]::new));
        for (Candidate candidate : c.ranked()) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(candidate.rank()),
                    candidate.rank() == 1 ? style.good("v" + candidate.version().version())
                            : "v" + candidate.version().version(),
                    Json.time(candidate.version().createdAt())));
            if (metric != null) {
                row.add(format(candidate.primaryMetric()));
            }
            row.add(candidate.version().source());
            row.add(candidate.reason());
            table.row(row.toArray(String[]::new));
        }
        if (c.ranked().isEmpty()) {
            out.println("  " + style.bad("none") + ": no version is safe to roll back to");
        } else {
            table.print(out);
        }
        if (showExcluded && !c.excluded().isEmpty()) {
            out.println();
            out.println("Excluded:");
            Table excluded = new Table("VERSION", "STAGE", "STATUS", "WHY NOT");
            for (Exclusion e : c.excluded()) {
                excluded.row("v" + e.version().version(), e.version().stage(), e.version().status(), e.detail());
            }
            excluded.print(out);
        }
    }

    public static void json(Candidates c, PrintWriter out) {
        ObjectNode doc = Json.document("Candidates");
        doc.put("service", c.service());
        doc.put("model", c.modelName());
        doc.put("liveVersion", c.liveVersion().orElse(null));
        doc.put("primaryMetric", c.primaryMetricName());
        ArrayNode ranked = doc.putArray("candidates");
        for (Candidate candidate : c.ranked()) {
            ObjectNode node = ranked.addObject();
            node.put("rank", candidate.rank());
            node.put("version", candidate.version().version());
            node.put("tier", candidate.tier().name());
            node.put("reason", candidate.reason());
            node.put("createdAt", Json.time(candidate.version().createdAt()));
            node.put("stage", candidate.version().stage());
            node.put("source", candidate.version().source());
            if (candidate.primaryMetric().isPresent()) {
                node.put("primaryMetricValue", candidate.primaryMetric().getAsDouble());
            } else {
                node.putNull("primaryMetricValue");
            }
        }
        ArrayNode excluded = doc.putArray("excluded");
        for (Exclusion e : c.excluded()) {
            excluded.addObject().put("version", e.version().version()).put("reason", e.reason().name())
                    .put("detail", e.detail());
        }
        Json.print(doc, out);
    }

    static String format(OptionalDouble value) {
        if (value.isEmpty()) {
            return "-";
        }
        double v = value.getAsDouble();
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        return BigDecimal.valueOf(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
