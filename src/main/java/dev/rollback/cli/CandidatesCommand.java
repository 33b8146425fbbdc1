package dev.rollback.cli;

import dev.rollback.cli.render.CandidatesRenderer;
import dev.rollback.cli.render.Style;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.candidates.Candidates;
import dev.rollback.core.candidates.CandidatesService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "candidates",
        header = "Safe rollback targets for a service, best first.",
        description = {
            "List safe rollback targets, best first: healthy baselines (newest first), versions that were "
                + "live before, then archived versions. Never the live version, never a version rolled back "
                + "from, never one that is not READY.",
            "Exit code 4 when there is no safe target."})
public final class CandidatesCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    GlobalOptions globalOptions;

    @Parameters(paramLabel = "SERVICE", description = "The service, as named in rollback.yaml.")
    String service;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "Show at most N targets "
            + "(default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--all", description = "Also list the excluded versions and why.")
    boolean all;

    @Override
    public Integer call() {
        CliContext ctx = root.context();
        if (limit < 1) {
            throw new CliException(ExitCode.USAGE, "--limit must be at least 1, got " + limit);
        }
        ServiceConfig config = ctx.service(service);
        Candidates candidates = CandidatesService.candidates(config, ctx.registryFor(config), limit);
        if (ctx.output() == OutputFormat.json) {
            CandidatesRenderer.json(candidates, ctx.out());
        } else {
            CandidatesRenderer.table(candidates, all, new Style(ctx.colors()), ctx.out());
        }
        if (candidates.ranked().isEmpty()) {
            ctx.err().println("rollback: no safe rollback target for " + service
                    + "; see why with 'rollback candidates " + service + " --all'");
            return ExitCode.NOT_FOUND.code();
        }
        return ExitCode.OK.code();
    }
}
