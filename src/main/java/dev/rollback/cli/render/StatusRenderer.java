package dev.rollback.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalState;
import dev.rollback.core.registry.ModelVersion;
import dev.rollback.core.status.LiveVersion;
import dev.rollback.core.status.ServiceStatus;
import dev.rollback.core.status.StatusWarning;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/** {@code rollback status} as a table (people) or a JSON document (scripts). */
public final class StatusRenderer {

    private StatusRenderer() {
    }

    public static void table(List<ServiceStatus> statuses, List<Journal> unfinished, Style style,
            Function<Throwable, String> describeFailure, PrintWriter out) {
        for (Journal j : unfinished) {
            JournalState state = JournalState.of(j.entries());
            out.println(style.bad("UNFINISHED") + " rollback " + j.id() + " of " + j.plan().service() + ": started "
                    + Json.time(j.plan().createdAt()) + " by " + j.plan().by() + ", " + state.applied().size() + "/"
                    + j.plan().steps().size() + " steps applied. Finish it: rollback resume " + j.id()
                    + "  or undo it: rollback abort " + j.id());
        }
        if (!unfinished.isEmpty()) {
            out.println();
        }
        Table table = new Table("SERVICE", "MODEL", "LIVE", "KNOWN BY", "CREATED", "BASELINE", "SOURCE");
        for (ServiceStatus s : statuses) {
            if (s.failure().isPresent()) {
                table.row(s.service(), s.modelName(), style.bad("ERROR"), "-", "-", "-", "-");
                continue;
            }
            LiveVersion live = s.live().orElse(null);
            table.row(s.service(), s.modelName(),
                    live == null ? style.bad("none") : (s.warnings().isEmpty() ? style.good("v") : style.warn("v"))
                            + (s.warnings().isEmpty() ? style.good(live.version().version())
                                    : style.warn(live.version().version())),
                    live == null ? "-" : knownBy(live),
                    live == null ? "-" : Json.time(live.version().createdAt()),
                    baselines(s.healthyBaselines()),
                    live == null ? "-" : live.version().source());
        }
        table.print(out);
        ServingRenderer.table(statuses, style, out);
        for (ServiceStatus s : statuses) {
            s.failure().ifPresent(f -> out.println(style.bad("error") + ": " + s.service() + ": "
                    + describeFailure.apply(f)));
            for (StatusWarning w : s.warnings()) {
                out.println(style.warn("warning") + ": " + s.service() + ": " + w.message());
            }
        }
    }

    public static void json(List<ServiceStatus> statuses, List<Journal> unfinished,
            Function<Throwable, String> describeFailure, PrintWriter out) {
        ObjectNode doc = Json.document("Status");
        ArrayNode open = doc.putArray("unfinishedRollbacks");
        for (Journal j : unfinished) {
            JournalState state = JournalState.of(j.entries());
            open.addObject().put("id", j.id()).put("service", j.plan().service())
                    .put("startedAt", Json.time(j.plan().createdAt())).put("by", j.plan().by())
                    .put("appliedSteps", state.applied().size()).put("totalSteps", j.plan().steps().size())
                    .put("resume", "rollback resume " + j.id()).put("abort", "rollback abort " + j.id());
        }
        ArrayNode services = doc.putArray("services");
        for (ServiceStatus s : statuses) {
            ObjectNode node = services.addObject();
            node.put("service", s.service());
            node.put("model", s.modelName());
            node.put("registry", s.registryLocation());
            node.put("healthy", s.healthy());
            ObjectNode live = node.putObject("live");
            s.live().ifPresentOrElse(l -> {
                live.put("version", l.version().version());
                live.put("alias", l.alias());
                live.put("stage", l.stage());
                live.put("createdAt", Json.time(l.version().createdAt()));
                live.put("source", l.version().source());
                live.put("status", l.version().status());
            }, () -> node.putNull("live"));
            ArrayNode baselines = node.putArray("healthyBaselines");
            s.healthyBaselines().forEach(v -> baselines.add(v.version()));
            ArrayNode inStage = node.putArray("versionsInLiveStage");
            s.versionsInLiveStage().forEach(v -> inStage.add(v.version()));
            ArrayNode warnings = node.putArray("warnings");
            for (StatusWarning w : s.warnings()) {
                warnings.addObject().put("code", w.code().name()).put("message", w.message());
            }
            ServingRenderer.json(s, node);
            s.failure().ifPresentOrElse(f -> node.putObject("error").put("message", describeFailure.apply(f)),
                    () -> node.putNull("error"));
        }
        Json.print(doc, out);
    }

    private static String knownBy(LiveVersion live) {
        if (live.alias() != null && live.stage() != null) {
            return "alias " + live.alias() + " + stage " + live.stage();
        }
        return live.alias() != null ? "alias " + live.alias() : "stage " + live.stage();
    }

    private static String baselines(List<ModelVersion> baselines) {
        if (baselines.isEmpty()) {
            return "none";
        }
        return String.join(",", baselines.stream().map(v -> "v" + v.version()).toList());
    }
}
