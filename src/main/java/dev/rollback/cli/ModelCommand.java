package dev.rollback.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.cli.render.Json;
import dev.rollback.cli.render.PlanRenderer;
import dev.rollback.cli.render.Style;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.lock.HeldLock;
import dev.rollback.core.lock.LockOwner;
import dev.rollback.core.model.ModelRollbackPlan;
import dev.rollback.core.model.ModelRollbackRequest;
import dev.rollback.core.model.ModelRollbackService;
import dev.rollback.core.plan.StepContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "model",
        header = "Roll a service back to a known-good model version: registry and serving, all or nothing.",
        description = {
            "Plans the rollback (alias, legacy stage, serving model reference, rollout, audit tags), runs every "
                + "preflight check, shows the plan, asks for confirmation, then applies it under the service's "
                + "lock with a write-ahead journal. If any step fails, every applied step is undone.",
            "Exit codes: 0 rolled back, 7 refused (nothing changed), 8 failed and undone, 9 needs attention, "
                + "11 another rollback holds the lock."})
public final class ModelCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    GlobalOptions globalOptions;

    @Parameters(paramLabel = "SERVICE", description = "The service, as named in rollback.yaml.")
    String service;

    @Option(names = "--to", required = true, paramLabel = "TARGET",
            description = "healthy-baseline, previous, or a version number (5 or v5).")
    String to;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why; recorded in the journal, tags and change cause.")
    String reason;

    @Option(names = "--by", paramLabel = "WHO", description = "Who (default: $ROLLBACK_USER, git user.email, user@host).")
    String by;

    @Option(names = "--dry-run", description = "Show the plan and the preflight checks; change nothing.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (required when stdin is not a terminal).")
    boolean yes;

    @Option(names = "--registry-only", description = "Change the registry only; leave serving as it is.")
    boolean registryOnly;

    @Option(names = "--force", description = "Allow a target that was rolled back from before (needs --reason).")
    boolean force;

    @Option(names = "--steal-lock", description = "Take over the service's lock if its holder stopped renewing it.")
    boolean stealLock;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "How long to wait for the rollout (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Mixin
    KubernetesContextOption kubernetesContext;

    @Override
    public Integer call() {
        CliContext ctx = root.context();
        Duration wait = Durations.parse("--timeout", timeout);
        if (force && (reason == null || reason.isBlank())) {
            throw new CliException(ExitCode.USAGE, "--force needs --reason: say why a version that was rolled back "
                    + "from is safe now");
        }
        ServiceConfig config = ctx.service(service);
        ModelRollbackService rollback = Wiring.modelRollback(ctx, config, kubernetesContext.name);
        if (dryRun) {
            return planAndRun(ctx, config, rollback, wait, null);
        }
        try (HeldLock lock = rollback.lock(owner(ctx), stealLock)) {
            return planAndRun(ctx, config, rollback, wait, lock);
        }
    }

    /** Plans and shows; then, unless it is a dry run (no lock), confirms and runs under the lock. */
    private int planAndRun(CliContext ctx, ServiceConfig config, ModelRollbackService rollback, Duration wait,
            HeldLock lock) {
        Instant now = Instant.now();
        String who = Who.resolve(by, ctx.env(), ctx.cwd());
        boolean reasonGiven = reason != null && !reason.isBlank();
        ModelRollbackRequest request = new ModelRollbackRequest(RollbackIds.next(service, now), to,
                reasonGiven ? reason.strip() : "(no reason given)", reasonGiven, who, registryOnly, force, now);
        ModelRollbackPlan planned = rollback.plan(request, Wiring.referenceTemplate(config));
        Style style = new Style(ctx.colors());
        boolean json = ctx.output() == OutputFormat.json;
        ObjectNode doc = json ? PlanRenderer.json(planned, dryRun) : null;
        if (!json) {
            PlanRenderer.table(planned, style, ctx.out());
            ctx.out().flush();
        }
        if (planned.refused()) {
            printIfJson(doc, ctx);
            throw new CliException(ExitCode.REFUSED, "refused, nothing changed: "
                    + String.join("; ", planned.failures().stream().map(c -> c.message()).toList()));
        }
        if (lock == null) {
            printIfJson(doc, ctx);
            ctx.err().println("dry run: nothing was changed");
            return ExitCode.OK.code();
        }
        Confirmation.require(ctx, yes, "Apply this rollback of " + service + "?");
        ProgressPrinter progress = new ProgressPrinter(ctx.err(), ctx.interactive(), planned.plan().steps().size(),
                ctx.env());
        StepContext stepContext = new StepContext(planned.plan().id(), who, request.reason(), wait, progress::progress);
        ModelRollbackService.Run run = rollback.execute(planned, lock, stepContext, progress);
        if (ctx.verbose()) {
            ctx.err().println(RunCost.describe(run.journal(), ctx.roundTrips(), ctx.startedAt(), Instant.now()));
        }
        if (json) {
            PlanRenderer.outcome(doc, run.result(), run.journal().location());
            Json.print(doc, ctx.out());
        } else {
            ctx.out().println();
            ctx.out().println(PlanRenderer.summary(planned.plan().id(), service, run.result(), style));
            ctx.out().println("journal: " + run.journal().location());
        }
        return Outcomes.exitCode(run.result().outcome()).code();
    }

    static LockOwner owner(CliContext ctx) {
        return new LockOwner(Who.userAtHost(ctx.env()), ProcessHandle.current().pid());
    }

    private static void printIfJson(ObjectNode doc, CliContext ctx) {
        if (doc != null) {
            Json.print(doc, ctx.out());
        }
    }
}
