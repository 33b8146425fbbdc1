package dev.rollback.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.cli.render.PlanRenderer;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.lock.HeldLock;
import dev.rollback.core.model.ModelRollbackPlan;
import dev.rollback.core.model.ModelRollbackRequest;
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
                + "11 another rollback holds the lock, 15 rolled back but the metrics did not recover (verification)."})
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

    @Option(names = "--registry-only", description = "Change the registry only; leave serving as it is.")
    boolean registryOnly;

    @Option(names = "--force", description = "Allow a target that was rolled back from before (needs --reason).")
    boolean force;

    @Mixin
    RollbackOptions options;

    @Mixin
    VerifyOption verify;

    @Mixin
    RolloutTimeoutOption rolloutTimeout;

    @Mixin
    KubernetesContextOption kubernetesContext;

    @Override
    public Integer call() {
        CliContext ctx = root.context();
        Duration wait = rolloutTimeout.duration();
        if (force && !options.reasonGiven()) {
            throw new CliException(ExitCode.USAGE, "--force needs --reason: say why a version that was rolled back "
                    + "from is safe now");
        }
        ServiceConfig config = ctx.service(service);
        Wiring.Rollback rollback = Wiring.rollback(ctx, config, kubernetesContext.name);
        return PlanFlow.lockedUnlessDryRun(ctx, rollback.runner(), options,
                lock -> planAndRun(ctx, config, rollback, wait, lock));
    }

    /** Plans and shows; then, unless it is a dry run (no lock), confirms and runs under the lock. */
    private int planAndRun(CliContext ctx, ServiceConfig config, Wiring.Rollback rollback, Duration wait,
            HeldLock lock) {
        Instant now = Instant.now();
        String who = options.who(ctx);
        ModelRollbackRequest request = new ModelRollbackRequest(RollbackIds.next(service, now), to,
                options.reasonText(), options.reasonGiven(), who, registryOnly, force, now);
        ModelRollbackPlan planned = rollback.model(ctx).plan(request, Wiring.referenceTemplate(config));
        ObjectNode doc = ctx.output() != OutputFormat.json ? null : PlanRenderer.json(planned, "ModelRollback",
                planned.from() == null ? null : planned.from().version(),
                planned.to() == null ? null : planned.to().version(), options.dryRun);
        return PlanFlow.showConfirmRun(ctx, planned, doc, lock, options.yes, rollback.runner(), wait,
                PostRollbackVerification.after(ctx, config, verify.noVerify, doc));
    }
}
