package dev.rollback.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.cli.render.PlanRenderer;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.features.Commit;
import dev.rollback.core.features.DataChange;
import dev.rollback.core.features.FeaturePipeline;
import dev.rollback.core.features.FeatureRollbackPlan;
import dev.rollback.core.features.FeatureRollbackRequest;
import dev.rollback.core.features.FeatureRollbackService;
import dev.rollback.core.features.FileChange;
import dev.rollback.core.lock.HeldLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "features",
        header = "Restore the feature pipeline (code and DVC data) to a known-good commit, on a rollback branch.",
        description = {
            "Restores the pipeline paths from rollback.yaml to the target commit as a new commit on the branch "
                + "rollback/<service>/<id> (history is never rewritten, HEAD is never detached), checks that branch "
                + "out, and brings the DVC outputs (encoders, scalers, feature sets) in line with its dvc.lock, "
                + "pulling from the DVC remote what the cache lacks. Refuses a working tree with uncommitted changes.",
            "--push pushes the branch, and the pipeline's CI takes it from there. Undo (on failure, or "
                + "'rollback abort ID') checks the original branch out again with its data and deletes the branch.",
            "Exit codes: 0 restored, 7 refused (nothing changed), 8 failed and undone, 9 needs attention, "
                + "11 another rollback holds the lock, 15 rolled back but the metrics did not recover (verification)."})
public final class FeaturesCommand implements Callable<Integer> {

    /** Git and DVC have their own timeouts per command; this bounds the step as a whole. */
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(10);

    @ParentCommand
    RootCommand root;

    @Mixin
    GlobalOptions globalOptions;

    @Parameters(paramLabel = "SERVICE", description = "The service, as named in rollback.yaml.")
    String service;

    @Option(names = "--to", required = true, paramLabel = "COMMIT",
            description = "A commit, tag or branch, or 'previous': the state before the last change to the pipeline paths.")
    String to;

    @Option(names = "--push", description = "Push the rollback branch to the git remote (services.<name>.features.remote).")
    boolean push;

    @Mixin
    RollbackOptions options;

    @Mixin
    VerifyOption verify;

    @Mixin
    KubernetesContextOption kubernetesContext;

    @Override
    public Integer call() {
        CliContext ctx = root.context();
        ServiceConfig config = ctx.service(service);
        Wiring.Rollback rollback = Wiring.rollback(ctx, config, kubernetesContext.name);
        FeaturePipeline pipeline = rollback.features().get();
        return PlanFlow.lockedUnlessDryRun(ctx, rollback.runner(), options, lock -> {
            Instant now = Instant.now();
            FeatureRollbackRequest request = new FeatureRollbackRequest(RollbackIds.next(service, now), to,
                    options.reasonText(), options.who(ctx), push, now);
            FeatureRollbackPlan planned = new FeatureRollbackService(service, pipeline, rollback.runner()).plan(request);
            ObjectNode doc = ctx.output() != OutputFormat.json ? null : json(planned, options.dryRun);
            int exit = PlanFlow.showConfirmRun(ctx, planned, doc, lock, options.yes, rollback.runner(), STEP_TIMEOUT,
                    PostRollbackVerification.after(ctx, config, verify.noVerify, doc));
            if (exit == ExitCode.OK.code() && !options.dryRun && !push) {
                ctx.err().println("next: push " + planned.branch() + " (or rerun with --push) so the pipeline's CI "
                        + "runs the restored code");
            }
            return exit;
        });
    }

    private static ObjectNode json(FeatureRollbackPlan planned, boolean dryRun) {
        ObjectNode doc = PlanRenderer.json(planned, "FeatureRollback", planned.from().map(Commit::id).orElse(null),
                planned.to().map(Commit::id).orElse(null), dryRun);
        doc.put("branch", planned.branch());
        ArrayNode files = doc.putArray("files");
        for (FileChange f : planned.files()) {
            files.addObject().put("status", f.status()).put("path", f.path());
        }
        ArrayNode data = doc.putArray("data");
        for (DataChange d : planned.data()) {
            data.addObject().put("path", d.path()).put("before", d.before()).put("after", d.after());
        }
        return doc;
    }
}
