package dev.rollback.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.cli.render.Json;
import dev.rollback.cli.render.Table;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.model.PrepareService;
import dev.rollback.core.model.PrepareService.Prepared;
import dev.rollback.core.model.PrepareService.TagChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "prepare",
        header = "Before a promotion (run by CI): designate the live version as the rollback target.",
        description = "Tags the version live now as healthy baseline and records its artifact fingerprint and the "
                + "serving revision in the registry; tags the version being promoted with its rollback target. "
                + "Idempotent: running it again changes nothing.")
public final class PrepareCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    GlobalOptions globalOptions;

    @Parameters(paramLabel = "SERVICE", description = "The service, as named in rollback.yaml.")
    String service;

    @Option(names = "--promoting", required = true, paramLabel = "VERSION",
            description = "The version about to be promoted (5 or v5).")
    String promoting;

    @Mixin
    KubernetesContextOption kubernetesContext;

    @Override
    public Integer call() {
        CliContext ctx = root.context();
        ServiceConfig config = ctx.service(service);
        Wiring.Adapters adapters = Wiring.adapters(ctx, config, kubernetesContext.name);
        Prepared prepared = PrepareService.prepare(config, ctx.registryFor(config), promoting, adapters.serving(),
                adapters.artifacts(), Instant.now());
        if (ctx.output() == OutputFormat.json) {
            ObjectNode doc = Json.document("Prepare");
            doc.put("service", service);
            doc.put("baseline", prepared.baseline().version());
            doc.put("promoting", prepared.promoting().version());
            ArrayNode tags = doc.putArray("tags");
            for (TagChange t : prepared.tags()) {
                tags.addObject().put("version", t.version()).put("key", t.key()).put("before", t.before())
                        .put("after", t.after()).put("changed", t.changed());
            }
            Json.print(doc, ctx.out());
        } else {
            ctx.out().println("Rollback target for " + service + " while v" + prepared.promoting().version()
                    + " is promoted: v" + prepared.baseline().version());
            Table table = new Table("VERSION", "TAG", "VALUE", "");
            for (TagChange t : prepared.tags()) {
                table.row("v" + t.version(), t.key(), t.after(), t.changed() ? "set" : "unchanged");
            }
            table.print(ctx.out());
        }
        return ExitCode.OK.code();
    }
}
