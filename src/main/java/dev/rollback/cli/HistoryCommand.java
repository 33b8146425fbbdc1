package dev.rollback.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.cli.render.Json;
import dev.rollback.cli.render.Table;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.history.HistoryEvent;
import dev.rollback.core.history.HistoryService;
import dev.rollback.core.status.RegistryView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "history",
        header = "Which version was live when, who changed it and why.",
        description = "From this machine's rollback journals and the audit tags in the registry (rollbacks run "
                + "elsewhere, promotions prepared by CI). Newest first.")
public final class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    GlobalOptions globalOptions;

    @Parameters(paramLabel = "SERVICE", description = "The service, as named in rollback.yaml.")
    String service;

    @Override
    public Integer call() {
        CliContext ctx = root.context();
        ServiceConfig config = ctx.service(service);
        List<HistoryEvent> events = HistoryService.history(RegistryView.read(config, ctx.registryFor(config)),
                Wiring.journals(ctx).list());
        if (ctx.output() == OutputFormat.json) {
            ObjectNode doc = Json.document("History");
            doc.put("service", service);
            ArrayNode items = doc.putArray("events");
            for (HistoryEvent e : events) {
                items.addObject().put("at", Json.time(e.at())).put("kind", e.kind()).put("id", e.id())
                        .put("from", e.from()).put("to", e.to()).put("by", e.by()).put("reason", e.reason())
                        .put("outcome", e.outcome()).put("source", e.source());
            }
            Json.print(doc, ctx.out());
            return ExitCode.OK.code();
        }
        if (events.isEmpty()) {
            ctx.out().println("no rollbacks or prepared promotions recorded for " + service);
            return ExitCode.OK.code();
        }
        Table table = new Table("TIME", "EVENT", "CHANGE", "BY", "OUTCOME", "REASON", "ID");
        for (HistoryEvent e : events) {
            table.row(Json.time(e.at()), e.kind(), e.kind().equals("SERVING_ROLLBACK")
                    ? "revision " + e.from() + " → " + e.to() : "v" + e.from() + " → v" + e.to(), e.by(), e.outcome(),
                    oneLine(e.reason()), e.id());
        }
        table.print(ctx.out());
        return ExitCode.OK.code();
    }

    /** A reason may hold newlines; a table row must not. */
    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 60 ? flat.substring(0, 59) + "…" : flat;
    }
}
