package dev.rollback.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.cli.render.PlanRenderer;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.Words;
import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.plan.RollbackRunner;
import dev.rollback.core.retrain.CiSystem;
import dev.rollback.core.retrain.PipelineRun;
import dev.rollback.core.retrain.PipelineStatus;
import dev.rollback.core.retrain.RetrainPlan;
import dev.rollback.core.retrain.RetrainRequest;
import dev.rollback.core.retrain.RetrainService;
import dev.rollback.core.retrain.RetrainSteps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "retrain",
        header = "Retrain the model through CI from a known-good dataset version.",
        description = {
            "Triggers the service's CI pipeline (GitLab, GitHub Actions, Jenkins or a webhook from rollback.yaml) "
                + "with ROLLBACK_MODEL_NAME, ROLLBACK_DATASET_VERSION, ROLLBACK_CONFIG_REF, ROLLBACK_EMERGENCY=true "
                + "and ROLLBACK_ID, records it in a journal, and prints the run's URL. --dry-run shows the exact "
                + "request with the token masked.",
            "--wait follows the run until it ends (the service's lock is not held meanwhile, so a model rollback "
                + "can still run).",
            "Exit codes: 0 triggered (with --wait: succeeded), 7 refused (nothing triggered), 8 the trigger failed, "
                + "11 another rollback holds the lock, 12 with --wait: the run failed, was cancelled or outlasted "
                + "--timeout."})
public final class RetrainCommand implements Callable<Integer> {

    /** How often --wait asks CI; tests shorten it with ROLLBACK_CI_POLL_MILLIS. */
    private static final Duration POLL = Duration.ofSeconds(10);

    @ParentCommand
    RootCommand root;

    @Mixin
    GlobalOptions globalOptions;

    @Parameters(paramLabel = "SERVICE", description = "The service, as named in rollback.yaml.")
    String service;

    @Option(names = "--dataset", required = true, paramLabel = "VERSION", description = "The known-good dataset version, e.g. v12.")
    String dataset;

    @Option(names = "--config-ref", paramLabel = "REF",
            description = "Git ref of the training code/config to run (default: services.<name>.ci.ref).")
    String configRef;

    @Option(names = "--wait", description = "Follow the run until it ends; exit 12 unless it succeeds.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2h",
            description = "With --wait: how long to follow the run (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Mixin
    RollbackOptions options;

    @Mixin
    KubernetesContextOption kubernetesContext;

    @Override
    public Integer call() {
        CliContext ctx = root.context();
        Duration followFor = Durations.parse("--timeout", timeout);
        ServiceConfig config = ctx.service(service);
        Wiring.Rollback rollback = Wiring.rollback(ctx, config, kubernetesContext.name);
        CiSystem ci = rollback.ci().get();
        RetrainService retrain = new RetrainService(service, config.model().name(), config.ciConfig().ref(), ci);
        return PlanFlow.lockedUnlessDryRun(ctx, rollback.runner(), options, lock -> {
            Instant now = Instant.now();
            RetrainPlan planned = retrain.plan(new RetrainRequest(RollbackIds.next(service, now), dataset, configRef,
                    options.reasonText(), options.who(ctx), await, now));
            ObjectNode doc = null;
            if (ctx.output() == OutputFormat.json) {
                doc = PlanRenderer.json(planned, "Retrain", null, dataset, options.dryRun);
                ObjectNode request = doc.putObject("request");
                request.put("method", planned.request().method()).put("url", planned.request().url())
                        .put("body", planned.request().body());
                planned.request().headers().forEach(request.withArray("headers")::add);
            } else if (options.dryRun) {
                printRequest(ctx, planned);
            }
            ObjectNode finalDoc = doc;
            return PlanFlow.showConfirmRun(ctx, planned, doc, lock, options.yes, rollback.runner(), followFor,
                    (run, exit) -> afterTrigger(ctx, retrain, run, exit, followFor, finalDoc));
        });
    }

    private static void printRequest(CliContext ctx, RetrainPlan planned) {
        ctx.out().println();
        ctx.out().println("Request (tokens masked):");
        ctx.out().println("  " + planned.request().method() + " " + planned.request().url());
        planned.request().headers().forEach(h -> ctx.out().println("  " + h));
        if (!planned.request().body().isEmpty()) {
            ctx.out().println("  " + planned.request().body());
        }
    }

    /** Prints the run's URL and, with --wait, follows it and notes how it ended in the journal. */
    private int afterTrigger(CliContext ctx, RetrainService retrain, RollbackRunner.Run run, int exit,
            Duration followFor, ObjectNode doc) {
        Optional<PipelineRun> started = run.journal().entries().stream()
                .filter(e -> e.type() == JournalEntry.Type.APPLIED && e.step() == 0)
                .map(e -> RetrainSteps.runOf(e.detail())).flatMap(Optional::stream).findFirst();
        if (exit != ExitCode.OK.code() || started.isEmpty()) {
            return exit;
        }
        PipelineRun pipeline = started.get();
        if (doc != null) {
            doc.putObject("run").put("system", pipeline.system()).put("id", pipeline.id()).put("url", pipeline.url());
        } else {
            ctx.out().println("run: " + (pipeline.url().isEmpty() ? pipeline.system() + " " + pipeline.id() : pipeline.url()));
        }
        if (!await) {
            return exit;
        }
        PipelineStatus last = follow(ctx, retrain, pipeline, followFor);
        String ended = last.state().finished() ? describe(last) : "still " + describe(last) + " after "
                + Words.duration(followFor);
        run.journal().append(JournalEntry.note(Instant.now(), "run " + last.run().id() + " " + ended));
        if (doc != null) {
            doc.with("run").put("state", last.state().name()).put("detail", last.detail())
                    .put("url", last.run().url());
        } else {
            ctx.out().println("run " + last.run().id() + ": " + ended);
        }
        if (last.state() == PipelineStatus.State.SUCCEEDED) {
            return ExitCode.OK.code();
        }
        ctx.err().println("rollback: retrain run " + last.run().id() + (last.state().finished() ? " ended " + ended
                : "did not finish within --timeout " + Words.duration(followFor)) + "; see "
                + (last.run().url().isEmpty() ? "the CI system" : last.run().url()));
        return ExitCode.PIPELINE_FAILED.code();
    }

    /** "succeeded (success)", "failed": the state, and the CI system's own word when it says more. */
    private static String describe(PipelineStatus status) {
        String state = status.state().name().toLowerCase();
        return status.detail().isBlank() || status.detail().equalsIgnoreCase(state) ? state
                : state + " (" + status.detail() + ")";
    }

    private static PipelineStatus follow(CliContext ctx, RetrainService retrain, PipelineRun run, Duration followFor) {
        String pollMillis = ctx.env().get("ROLLBACK_CI_POLL_MILLIS");
        Duration interval = pollMillis == null ? POLL : Duration.ofMillis(Long.parseLong(pollMillis));
        Instant started = Instant.now();
        PipelineStatus.State[] shown = {null};
        try {
            return retrain.follow(run, followFor, interval, Clock.systemUTC(), status -> {
                if (status.state() != shown[0]) { // one line per change of state, also in logs
                    shown[0] = status.state();
                    ctx.err().println("run " + status.run().id() + ": " + describe(status) + " after "
                            + Words.duration(Duration.between(started, Instant.now())));
                    ctx.err().flush();
                }
            }, dev.rollback.core.Sleeper.REAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.PIPELINE_FAILED, "stopped following run " + run.id()
                    + "; the run itself goes on in CI: " + run.url());
        }
    }
}
