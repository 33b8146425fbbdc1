package dev.rollback.cli;

import dev.rollback.cli.render.StatusRenderer;
import dev.rollback.cli.render.Style;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.status.ServiceStatus;
import dev.rollback.core.status.StatusService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "status",
        header = "What is live for each service, and what is wrong with it.",
        description = {
            "Show what is live for each service and how the registry says so (alias, stage), its healthy "
                + "baseline, and every problem: no live version, several versions in the live stage, alias "
                + "and stage disagreeing, no baseline, live version previously rolled back from.",
            "Exit code 0 when every service is healthy, 10 when there are warnings."})
public final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    GlobalOptions globalOptions;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services to show (default: all configured).")
    List<String> services;

    @Override
    public Integer call() {
        CliContext ctx = root.context();
        List<ServiceConfig> selected = ctx.services(services);
        List<ServiceStatus> statuses = StatusService.statusOf(selected, ctx::registryFor);
        if (ctx.output() == OutputFormat.json) {
            StatusRenderer.json(statuses, ErrorReporter::describe, ctx.out());
        } else {
            StatusRenderer.table(statuses, new Style(ctx.colors()), ErrorReporter::describe, ctx.out());
        }
        return exitCode(statuses).code();
    }

    /** The first failure decides (scripts branch on it); otherwise warnings, otherwise OK. */
    private static ExitCode exitCode(List<ServiceStatus> statuses) {
        for (ServiceStatus s : statuses) {
            if (s.failure().isPresent()) {
                return ErrorReporter.exitCodeOf(s.failure().get());
            }
        }
        return statuses.stream().allMatch(ServiceStatus::healthy) ? ExitCode.OK : ExitCode.WARNINGS;
    }
}
