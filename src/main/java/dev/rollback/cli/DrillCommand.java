package dev.rollback.cli;

import dev.rollback.adapters.drill.FileDrillHistory;
import dev.rollback.cli.render.DrillRenderer;
import dev.rollback.cli.render.Json;
import dev.rollback.cli.render.PlanRenderer;
import dev.rollback.cli.render.Style;
import dev.rollback.config.DrillConfig;
import dev.rollback.config.MetricsConfig;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.Sleeper;
import dev.rollback.core.decision.DecisionService;
import dev.rollback.core.drill.DrillReport;
import dev.rollback.core.drill.DrillService;
import dev.rollback.core.drill.StateSnapshots;
import dev.rollback.core.drill.SyntheticBreach;
import dev.rollback.core.plan.ExecutionListener;
import dev.rollback.core.plan.PlannedRollback;
import dev.rollback.core.plan.StepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "drill",
        header = "Rehearse a bad release on a staging service and measure the MTTR; then put everything back.",
        description = {
            "Only for services with a drill section (put it on staging services). It snapshots the exact state "
                + "(aliases, every version's stage and tags, the serving reference), deploys drill.version as if it "
                + "were a bad release, detects it with the decision framework as 'rollback watch' does (a synthetic "
                + "breach when drill.syntheticBreach is true, labelled as such), rolls back with the normal plan, "
                + "verifies recovery, then restores the snapshot exactly and checks it. Phases are timed: detection, "
                + "triage, execution, verification; their sum is the MTTR.",
            "The report is written to the state directory (drills/SERVICE/ID.md and .json); --history shows past "
                + "drills' MTTR as a trend.",
            "Exit codes: 0 passed, 16 over budget, not detected, not recovered, or not restored exactly; 3 no drill "
                + "or metrics section; 7 not confirmed."})
public final class DrillCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    GlobalOptions globalOptions;

    @Parameters(paramLabel = "SERVICE", description = "The (staging) service, as named in rollback.yaml.")
    String service;

    @Option(names = "--budget", paramLabel = "DURATION", description = "The MTTR the drill must stay under "
            + "(default: drill.budget, else 5m).")
    String budget;

    @Option(names = "--history", description = "Show past drills of the service (MTTR trend) and exit.")
    boolean showHistory;

    @Option(names = "--dry-run", description = "Show what the drill would deploy (its plan and preflight checks) "
            + "and how it detects; change nothing.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (required when stdin is not a terminal).")
    boolean yes;

    @Mixin
    RolloutTimeoutOption rolloutTimeout;

    @Mixin
    KubernetesContextOption kubernetesContext;

    @Override
    public Integer call() throws InterruptedException {
        CliContext ctx = root.context();
        ServiceConfig config = ctx.service(service);
        FileDrillHistory history = new FileDrillHistory(Wiring.stateDir(ctx.env()).resolve("drills"));
        if (showHistory) {
            DrillRenderer.history(history.list(service), ctx.output() == OutputFormat.json, ctx.out());
            return ExitCode.OK.code();
        }
        DrillConfig drill = config.drillConfig();
        if (drill == null) {
            throw new CliException(ExitCode.CONFIG, "service " + service + " has no drill section in rollback.yaml; "
                    + "drills run only on services that have one (put it on staging services; README: drill)");
        }
        Duration limit = budget == null ? drill.budget() : Durations.parse("--budget", budget);
        DecisionService real = MetricsWiring.decisions(ctx, config);
        MetricsConfig metrics = real.config();
        Duration streak = metrics.watch().interval().multipliedBy(metrics.watch().consecutive() - 1L);
        if (drill.detectTimeout().compareTo(streak) <= 0) {
            throw new CliException(ExitCode.CONFIG, "drill.detectTimeout (" + dev.rollback.core.Words.duration(
                    drill.detectTimeout()) + ") is too short to ever see " + metrics.watch().consecutive()
                    + " consecutive breaches " + dev.rollback.core.Words.duration(metrics.watch().interval())
                    + " apart; make it longer than " + dev.rollback.core.Words.duration(streak));
        }
        if (!dryRun) {
            Confirmation.require(ctx, yes, "Drill " + service + ": deploy v" + drill.version() + " as a bad release, "
                    + "roll it back, then restore the current state?");
        }

        Instant now = Instant.now();
        String id = RollbackIds.next(service, now).replaceFirst("^rb-", "drill-");
        String who = Who.resolve(null, ctx.env(), ctx.cwd());
        Wiring.Rollback rollback = Wiring.rollback(ctx, config, kubernetesContext.name);
        SyntheticBreach synthetic = new SyntheticBreach(metrics.thresholds());
        DecisionService decisions = new DecisionService(config, metrics, real.reader().withOverride(synthetic),
                ctx.registryFor(config));
        AutomatedRollback trigger = new AutomatedRollback(ctx, config, kubernetesContext.name, who + " (drill " + id
                + ")", "drill", rolloutTimeout.duration(), false);
        DrillService.Parts parts = new DrillService.Parts(rollback.model(ctx), Wiring.referenceTemplate(config),
                rollback.runner(), Wiring.journals(ctx), new StateSnapshots(config, ctx.registryFor(config),
                        rollback.adapters().serving()), decisions, synthetic, trigger, PlanFlow.owner(ctx),
                stepLines(ctx));
        if (dryRun) {
            return preview(ctx, drillService(ctx, config, drill, metrics, parts, Sleeper.REAL).previewDeploy(id, who),
                    metrics, drill, limit);
        }
        DrillReport report;
        try (GracefulStop stop = new GracefulStop("drill", () -> { }, Duration.ofMinutes(30))) {
            report = drillService(ctx, config, drill, metrics, parts, stop.sleeper()).run(id, who, limit,
                    rolloutTimeout.duration(), stop::requested);
            String where = save(ctx, history, report);
            if (ctx.output() == OutputFormat.json) {
                Json.print(DrillRenderer.json(report).put("report", where), ctx.out());
            } else {
                ctx.out().println();
                DrillRenderer.table(report, new Style(ctx.colors()), ctx.out());
                ctx.out().println("report: " + (where == null ? "not written (see the warning above)" : where));
            }
            ctx.out().flush();
        }
        return report.passed() ? ExitCode.OK.code() : ExitCode.DRILL_FAILED.code();
    }

    private static DrillService drillService(CliContext ctx, ServiceConfig config, DrillConfig drill,
            MetricsConfig metrics, DrillService.Parts parts, Sleeper sleeper) {
        return new DrillService(config, drill, metrics, parts, Clock.systemUTC(), sleeper, line -> {
            ctx.err().println(line);
            ctx.err().flush();
        });
    }

    /** The report file; a write that fails must not hide the drill's result, so it is a warning. */
    private static String save(CliContext ctx, FileDrillHistory history, DrillReport report) {
        try {
            return history.save(report, DrillRenderer.markdown(report));
        } catch (java.io.UncheckedIOException e) {
            ctx.err().println("warning: " + e.getMessage());
            return null;
        }
    }

    /** The deploy plan and how the drill would go on; a refused deploy is exit 7, as for any plan. */
    private int preview(CliContext ctx, PlannedRollback deploy, MetricsConfig metrics, DrillConfig drill,
            Duration limit) {
        if (ctx.output() == OutputFormat.json) {
            com.fasterxml.jackson.databind.node.ObjectNode doc = PlanRenderer.json(deploy, "DrillPreview", null,
                    drill.version(), true);
            doc.putObject("detection").put("source", String.valueOf(metrics.url()))
                    .put("intervalSeconds", metrics.watch().interval().toSeconds())
                    .put("consecutive", metrics.watch().consecutive())
                    .put("timeoutSeconds", drill.detectTimeout().toSeconds())
                    .put("syntheticBreach", drill.syntheticBreach()).put("budgetSeconds", limit.toSeconds());
            Json.print(doc, ctx.out());
        } else {
            printPreview(ctx, deploy, metrics, drill, limit);
        }
        if (deploy.refused()) {
            throw new CliException(ExitCode.REFUSED, "the drill would be refused, nothing changed: " + String.join("; ",
                    deploy.failures().stream().map(c -> c.message()).toList()));
        }
        ctx.err().println("dry run: nothing was changed");
        return ExitCode.OK.code();
    }

    private static void printPreview(CliContext ctx, PlannedRollback deploy, MetricsConfig metrics, DrillConfig drill,
            Duration limit) {
        Style style = new Style(ctx.colors());
        PlanRenderer.table(deploy, style, ctx.out());
        ctx.out().println();
        ctx.out().println("Then: detect through " + metrics.url() + " every "
                + dev.rollback.core.Words.duration(metrics.watch().interval()) + " (" + metrics.watch().consecutive()
                + " consecutive hard breaches, at most " + dev.rollback.core.Words.duration(drill.detectTimeout())
                + (drill.syntheticBreach() ? ", synthetic breach injected" : "") + "), roll back to the healthy "
                + "baseline, verify, restore this exact state; MTTR budget " + dev.rollback.core.Words.duration(limit)
                + ".");
        ctx.out().flush();
    }

    /** One line per step of the deploy and restore plans (the rollback prints its own). */
    private static ExecutionListener stepLines(CliContext ctx) {
        return new ExecutionListener() {
            @Override
            public void applied(int index, StepSpec spec, String observed) {
                ctx.err().println("  done: " + spec.describe());
            }

            @Override
            public void failed(int index, StepSpec spec, RuntimeException error) {
                ctx.err().println("  FAILED: " + spec.describe() + ": " + error.getMessage());
            }

            @Override
            public void compensated(int index, StepSpec spec, String observed) {
                ctx.err().println("  undone: " + spec.describe());
            }
        };
    }
}
