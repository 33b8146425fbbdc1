package dev.rollback.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.cli.render.PlanRenderer;
import dev.rollback.cli.render.RevisionsRenderer;
import dev.rollback.cli.render.Style;
import dev.rollback.config.ServiceConfig;
import dev.rollback.config.ServingConfig;
import dev.rollback.core.infra.InfraRollbackPlan;
import dev.rollback.core.infra.InfraRollbackRequest;
import dev.rollback.core.infra.InfraRollbackService;
import dev.rollback.core.infra.ServingPlatform;
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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

@Command(name = "infra",
        header = "Undo the serving layer's last release: Deployment rollout undo, helm rollback, Argo Rollouts abort/undo, KServe canary.",
        description = {
            "Plans the undo (which revision, what it runs), checks it (GitOps ownership, a release that changed the "
                + "model too, Helm releases stuck in pending-*, history too short), shows the plan, asks for "
                + "confirmation, then applies it under the service's lock with a write-ahead journal and waits for "
                + "the rollout. If the rollout does not complete, the original revision is restored.",
            "--history lists the revisions with their images and model reference instead.",
            "Exit codes: 0 rolled back, 7 refused (nothing changed), 8 failed and undone, 9 needs attention, "
                + "11 another rollback holds the lock, 15 rolled back but the metrics did not recover (verification)."})
public final class InfraCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    GlobalOptions globalOptions;

    @Parameters(paramLabel = "SERVICE", description = "The service, as named in rollback.yaml.")
    String service;

    @Option(names = "--history", description = "List the revisions (time, images, model reference, change cause); change nothing.")
    boolean history;

    @Option(names = "--to-revision", paramLabel = "N", description = "Go back to this revision (default: the one before the live one).")
    Long toRevision;

    @Option(names = "--both", description = "Also roll the registry back to --to, in the same plan (the release changed model and serving).")
    boolean both;

    @Option(names = "--to", paramLabel = "TARGET",
            description = "With --both: the model target, healthy-baseline, previous or a version (default: previous).")
    String to;

    @Option(names = "--fix-pending", description = "Helm: clear a release stuck in pending-* as the plan shows (needs confirmation).")
    boolean fixPending;

    @Option(names = "--force", description = "Go ahead although Argo CD or Flux manages the object (needs --reason).")
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
            throw new CliException(ExitCode.USAGE, "--force needs --reason: say why rolling back against the GitOps "
                    + "controller is right");
        }
        if (to != null && !both) {
            throw new CliException(ExitCode.USAGE, "--to is the model target of --both; to choose the serving revision "
                    + "use --to-revision N");
        }
        if (toRevision != null && toRevision < 1) {
            throw new CliException(ExitCode.USAGE, "--to-revision must be a revision number ≥ 1, got " + toRevision);
        }
        ServiceConfig config = ctx.service(service);
        if (config.servingConfig() == null) {
            throw new CliException(ExitCode.CONFIG, "service " + service + " has no serving section in rollback.yaml, "
                    + "so there is no serving layer to roll back; add one (README: Configuration, services.<name>.serving)");
        }
        if (fixPending && !ServingConfig.HELM.equals(config.servingConfig().kind())) {
            throw new CliException(ExitCode.USAGE, "--fix-pending is for Helm releases; " + service + " is served by a "
                    + config.servingConfig().kind());
        }
        Wiring.Rollback rollback = Wiring.rollback(ctx, config, kubernetesContext.name);
        ServingPlatform platform = rollback.adapters().platform().orElseThrow();
        if (history) {
            RevisionsRenderer.print(platform.describe(), platform.history(), ctx.output() == OutputFormat.json,
                    new Style(ctx.colors()), ctx.out());
            return ExitCode.OK.code();
        }
        return PlanFlow.lockedUnlessDryRun(ctx, rollback.runner(), options,
                lock -> planAndRun(ctx, config, rollback, platform, wait, lock));
    }

    private int planAndRun(CliContext ctx, ServiceConfig config, Wiring.Rollback rollback, ServingPlatform platform,
            Duration wait, HeldLock lock) {
        Instant now = Instant.now();
        String who = options.who(ctx);
        String id = RollbackIds.next(service, now);
        Optional<ModelRollbackPlan> model = Optional.empty();
        String modelReference = "";
        if (both) {
            String target = to == null ? ModelRollbackRequest.PREVIOUS : to;
            ModelRollbackRequest registryPart = new ModelRollbackRequest(id, target, options.reasonText(),
                    options.reasonGiven(), who, true, force, now); // registry-only: the undo changes serving
            ModelRollbackPlan m = rollback.model(ctx).plan(registryPart, Wiring.referenceTemplate(config));
            model = Optional.of(m);
            modelReference = InfraRollbackService.referenceOf(m, Wiring.referenceTemplate(config));
        }
        InfraRollbackRequest request = new InfraRollbackRequest(id, toRevision == null ? OptionalLong.empty()
                : OptionalLong.of(toRevision), options.reasonText(), options.reasonGiven(), who, force, fixPending, both, now);
        InfraRollbackPlan planned = new InfraRollbackService(config, platform, rollback.runner())
                .plan(request, model, modelReference);
        ObjectNode doc = ctx.output() != OutputFormat.json ? null : PlanRenderer.json(planned, "InfraRollback",
                planned.fromRevision().orElse(null), planned.toRevision().orElse(null), options.dryRun);
        return PlanFlow.showConfirmRun(ctx, planned, doc, lock, options.yes, rollback.runner(), wait,
                PostRollbackVerification.after(ctx, config, verify.noVerify, doc));
    }
}
