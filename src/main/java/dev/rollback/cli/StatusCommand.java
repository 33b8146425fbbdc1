package dev.rollback.cli;

import dev.rollback.cli.render.StatusRenderer;
import dev.rollback.cli.render.Style;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalState;
import dev.rollback.core.status.ServiceStatus;
import dev.rollback.core.status.StatusService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

@Command(name = "status",
        header = "What is live for each service, and what is wrong with it.",
        description = {
            "Show what is live for each service and how the registry says so (alias, stage), its healthy "
                + "baseline, and every problem: no live version, several versions in the live stage, alias "
                + "and stage disagreeing, no baseline, live version previously rolled back from.",
            "For services with serving configured, also what serving runs (kind, object, revision, images, the model "
                + "reference it serves, replicas, rollout state, GitOps owner) and drift: serving running another "
                + "model than the registry's live version, with the command that fixes it.",
            "Unfinished rollbacks (interrupted or still running) are listed first, with the commands to resolve them.",
            "Exit code 0 when every service is healthy, 9 when a rollback is unfinished, 10 when there are warnings."})
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
        // With a journal mirror, listing journals is a round trip to S3: overlap it with the registry reads.
        CompletableFuture<List<Journal>> journals = CompletableFuture.supplyAsync(() -> Wiring.journals(ctx).list());
        List<ServiceStatus> statuses = StatusService.statusOf(selected, ctx::registryFor,
                service -> Wiring.platform(ctx, service));
        List<String> names = selected.stream().map(ServiceConfig::name).toList();
        List<Journal> unfinished = joined(journals).stream()
                .filter(j -> names.contains(j.plan().service()))
                .filter(j -> !JournalState.of(j.entries()).finished()).toList();
        if (ctx.output() == OutputFormat.json) {
            StatusRenderer.json(statuses, unfinished, ErrorReporter::describe, ctx.out());
        } else {
            StatusRenderer.table(statuses, unfinished, new Style(ctx.colors()), ErrorReporter::describe, ctx.out());
        }
        return exitCode(statuses, unfinished).code();
    }

    /** The store's own exception (e.g. an unreadable state directory), not the future's wrapper. */
    private static List<Journal> joined(CompletableFuture<List<Journal>> journals) {
        try {
            return journals.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The first failure decides (scripts branch on it); then unfinished rollbacks; then warnings. */
    private static ExitCode exitCode(List<ServiceStatus> statuses, List<Journal> unfinished) {
        for (ServiceStatus s : statuses) {
            if (s.failure().isPresent()) {
                return ErrorReporter.exitCodeOf(s.failure().get());
            }
        }
        if (!unfinished.isEmpty()) {
            return ExitCode.NEEDS_ATTENTION;
        }
        return statuses.stream().allMatch(ServiceStatus::healthy) ? ExitCode.OK : ExitCode.WARNINGS;
    }
}
