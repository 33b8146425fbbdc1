package dev.rollback.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.core.journal.Outcome;
import dev.rollback.core.plan.Check;
import dev.rollback.core.plan.ExecutionResult;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.plan.PlannedRollback;
import dev.rollback.core.plan.StepSpec;

import java.io.PrintWriter;
import java.util.List;

/** A rollback plan before it runs (every step with before → after), and its outcome after. */
public final class PlanRenderer {

    private PlanRenderer() {
    }

    public static void table(PlannedRollback planned, Style style, PrintWriter out) {
        Plan plan = planned.plan();
        String headline = planned.headline().isEmpty() ? "" : " " + planned.headline();
        out.println("Rollback " + style.bold(plan.id()) + ": " + plan.service() + headline);
        out.println("by " + plan.by() + ", reason: " + plan.reason());
        out.println();
        out.println("Preflight:");
        for (Check c : planned.checks()) {
            String mark = switch (c.result()) {
                case PASS -> style.good("ok  ");
                case WARN -> style.warn("warn");
                case FAIL -> style.bad("FAIL");
            };
            out.println("  " + mark + "  " + pad(c.name(), 12) + c.message());
        }
        if (!planned.notes().isEmpty()) {
            out.println();
            out.println("Notes:");
            planned.notes().forEach(n -> out.println("  - " + n));
        }
        if (plan.steps().isEmpty()) {
            return;
        }
        out.println();
        out.println("Plan:");
        List<StepSpec> steps = plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            out.println("  " + pad(String.valueOf(i + 1), 3) + pad(steps.get(i).layer(), 9) + steps.get(i).describe());
        }
        out.println();
        out.println("Not changed: " + String.join("; ", plan.untouched()));
    }

    /**
     * The plan as JSON. {@code kind} is the document kind ("ModelRollback", "InfraRollback"); {@code from} and
     * {@code to} are version numbers for a model rollback and revisions for an infra rollback (null when unknown).
     */
    public static ObjectNode json(PlannedRollback planned, String kind, String from, String to, boolean dryRun) {
        Plan plan = planned.plan();
        ObjectNode doc = Json.document(kind);
        doc.put("id", plan.id());
        doc.put("service", plan.service());
        doc.put("dryRun", dryRun);
        doc.put("by", plan.by());
        doc.put("reason", plan.reason());
        doc.put("from", from);
        doc.put("to", to);
        doc.put("refused", planned.refused());
        ArrayNode checks = doc.putArray("checks");
        for (Check c : planned.checks()) {
            checks.addObject().put("name", c.name()).put("result", c.result().name()).put("message", c.message());
        }
        ArrayNode steps = doc.putArray("steps");
        for (int i = 0; i < plan.steps().size(); i++) {
            StepSpec s = plan.steps().get(i);
            steps.addObject().put("index", i + 1).put("type", s.type()).put("layer", s.layer()).put("target", s.target())
                    .put("before", s.before()).put("after", s.after());
        }
        ArrayNode notes = doc.putArray("notes");
        planned.notes().forEach(notes::add);
        ArrayNode untouched = doc.putArray("untouched");
        plan.untouched().forEach(untouched::add);
        doc.putNull("outcome");
        return doc;
    }

    public static void outcome(ObjectNode doc, ExecutionResult result, String journal) {
        ObjectNode outcome = doc.putObject("outcome");
        outcome.put("result", result.outcome().name());
        outcome.put("failure", result.failure().orElse(null));
        ArrayNode applied = outcome.putArray("appliedSteps");
        result.applied().forEach(i -> applied.add(i + 1));
        ArrayNode undone = outcome.putArray("undoneSteps");
        result.compensated().forEach(i -> undone.add(i + 1));
        ArrayNode stuck = outcome.putArray("stuckSteps");
        result.compensationFailed().forEach(i -> stuck.add(i + 1));
        outcome.put("journal", journal);
    }

    /** One line that says how it ended and what to do next. */
    public static String summary(Plan plan, ExecutionResult result, Style style) {
        String id = plan.id();
        String service = plan.service();
        if ("retrain".equals(plan.kind())) { // a trigger: nothing is rolled back by it
            return switch (result.outcome()) {
                case COMPLETED -> style.good("triggered") + " the retrain of " + service + " (" + id + ")";
                case REVERTED -> style.bad("retrain not triggered") + ": " + result.failure().orElse("");
                default -> summaryOfRollback(id, service, result, style);
            };
        }
        return summaryOfRollback(id, service, result, style);
    }

    private static String summaryOfRollback(String id, String service, ExecutionResult result, Style style) {
        return switch (result.outcome()) {
            case COMPLETED -> style.good("rolled back") + " " + service + " (" + id + "): all steps applied";
            case REVERTED -> style.bad("rollback failed and was undone") + ": " + result.failure().orElse("")
                    + "; " + service + " is exactly as it was";
            case ABORTED -> style.warn("aborted") + " " + id + ": " + result.compensated().size()
                    + " step(s) undone; " + service + " is as it was before the rollback";
            case NEEDS_ATTENTION -> style.bad("NEEDS ATTENTION") + ": " + result.failure().orElse("undo failed")
                    + "; steps " + oneBased(result.compensationFailed()) + " could not be undone; retry with 'rollback abort "
                    + id + "' or finish with 'rollback resume " + id + "'";
        };
    }

    public static boolean ok(Outcome outcome) {
        return outcome == Outcome.COMPLETED || outcome == Outcome.ABORTED;
    }

    private static List<Integer> oneBased(List<Integer> indices) {
        return indices.stream().map(i -> i + 1).toList();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
