package dev.rollback.cli;

import dev.rollback.adapters.alert.slack.SlackWebhookAlerter;
import dev.rollback.adapters.leader.kubernetes.LeaseLeadership;
import dev.rollback.cli.render.Json;
import dev.rollback.config.MetricsConfig;
import dev.rollback.config.ServiceConfig;
import dev.rollback.config.ServingConfig;
import dev.rollback.core.decision.Baseline;
import dev.rollback.core.decision.DecisionService;
import dev.rollback.core.watch.Alerter;
import dev.rollback.core.watch.Leadership;
import dev.rollback.core.watch.SingleProcessLeadership;
import dev.rollback.core.watch.WatchEvent;
import dev.rollback.core.watch.WatchLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;

@Command(name = "watch",
        header = "Watch a service's metrics and roll it back after N consecutive hard breaches.",
        description = {
            "Checks every --interval with the decision framework (see 'rollback decide'). It rolls back, with the same "
                + "plan as 'rollback model SERVICE --to healthy-baseline', only after --consecutive hard breaches in "
                + "a row, so a spike that lasts one check never triggers. A metrics gap or query error is reported and "
                + "neither counts as a breach nor resets the streak. Soft breaches alert (stdout and the Slack webhook "
                + "of metrics.watch) and never act. It stops after the rollback, or on SIGTERM/Ctrl-C (see the "
                + "README: a graceful stop is not verified yet, so a rollback cut off is left for resume/abort).",
            "Replicas in a cluster elect one leader with a Kubernetes Lease (rollback-watch-SERVICE in the serving "
                + "lock namespace); only the leader checks and acts.",
            "Exit codes: 0 stopped without a rollback, or rolled back and recovered; otherwise the rollback's code "
                + "(7 refused, 8 undone, 9 needs attention, 11 locked, 15 not recovered); 3 no metrics section."})
public final class WatchCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    GlobalOptions globalOptions;

    @Parameters(paramLabel = "SERVICE", description = "The service, as named in rollback.yaml.")
    String service;

    @Option(names = "--interval", paramLabel = "DURATION", description = "Time between checks (default: "
            + "metrics.watch.interval, else 30s).")
    String interval;

    @Option(names = "--consecutive", paramLabel = "N", description = "Hard breaches in a row that trigger the "
            + "rollback (default: metrics.watch.consecutive, else 3).")
    Integer consecutive;

    @Option(names = "--by", paramLabel = "WHO", description = "Recorded as who rolled back (default: "
            + "rollback-watch@HOST, or the pod name).")
    String by;

    @Mixin
    VerifyOption verify;

    @Mixin
    RolloutTimeoutOption rolloutTimeout;

    @Mixin
    KubernetesContextOption kubernetesContext;

    @Override
    public Integer call() throws InterruptedException {
        CliContext ctx = root.context();
        if (ctx.output() == OutputFormat.json) {
            throw new CliException(ExitCode.USAGE, "watch writes a log, not a JSON document; scripts use "
                    + "'rollback decide " + service + " -o json' for one decision");
        }
        if (consecutive != null && consecutive < 1) {
            throw new CliException(ExitCode.USAGE, "--consecutive must be 1 or more; got " + consecutive);
        }
        ServiceConfig config = ctx.service(service);
        DecisionService decisions = MetricsWiring.decisions(ctx, config);
        MetricsConfig metrics = decisions.config();
        if (metrics.queries().keySet().stream().noneMatch(s -> s.hard() && metrics.thresholds().hardMax(s) != null)) {
            throw new CliException(ExitCode.CONFIG, "watch would never roll back " + service + ": no hard signal "
                    + "(revenueLossPerMinute, errorRate, p99Latency) has both a query and a maximum in its metrics "
                    + "section; add one (README: Configuration, services.<name>.metrics)");
        }
        MetricsConfig.Watch settings = metrics.watch();
        Duration every = interval == null ? settings.interval() : Durations.parse("--interval", interval);
        int needed = consecutive == null ? settings.consecutive() : consecutive;
        Optional<Alerter> alerter = SlackWebhookAlerter.create(settings, ctx.env());
        Baseline baseline = decisions.baseline();
        Leadership leadership = leadership(ctx, config);
        String who = by != null ? by : "rollback-watch@" + LeaseLeadership.identity(ctx.env());
        AutomatedRollback trigger = new AutomatedRollback(ctx, config, kubernetesContext.name, who, "watch",
                rolloutTimeout.duration(), verify.noVerify);

        log(ctx, "watching " + service + " every " + dev.rollback.core.Words.duration(every) + " from "
                + decisions.reader().location() + "; rolls back after " + needed + " consecutive hard breaches"
                + "; baseline " + (baseline.version() == null ? "none" : "v" + baseline.version())
                + alerter.map(a -> "; alerts to " + a.describe()).orElse("; no alert webhook configured"));
        AtomicReference<WatchLoop.Result> result = new AtomicReference<>();
        try (GracefulStop stop = new GracefulStop("watch", leadership::stop, Duration.ofMinutes(30))) {
            leadership.run(stillLeader -> {
                if (result.get() != null && result.get().rolledBack()) {
                    return; // rolled back already: a new term must not start a second loop with the old baseline
                }
                WatchLoop loop = new WatchLoop(decisions, baseline, every, needed, Clock.systemUTC(), stop.sleeper(),
                        event -> report(ctx, alerter, event), trigger);
                try {
                    WatchLoop.Result r = loop.run(() -> stillLeader.getAsBoolean() && !stop.requested());
                    result.set(r);
                    if (r.rolledBack()) {
                        leadership.stop();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return finish(ctx, alerter, result.get()); // before the stop is closed: SIGTERM waits for these lines
        }
    }

    private int finish(CliContext ctx, Optional<Alerter> alerter, WatchLoop.Result done) {
        if (done == null || !done.rolledBack()) {
            log(ctx, "stopped watching " + service + (done == null ? "" : " after " + done.checks() + " checks")
                    + "; no rollback");
            return ExitCode.OK.code();
        }
        log(ctx, done.rollback().summary());
        alerter.flatMap(a -> a.alert(service, done.rollback().summary()))
                .ifPresent(why -> ctx.err().println("warning: alert not delivered: " + why));
        return done.rollback().exitCode();
    }

    private Leadership leadership(CliContext ctx, ServiceConfig config) {
        ServingConfig serving = config.servingConfig();
        if (serving == null) {
            return new SingleProcessLeadership();
        }
        return new LeaseLeadership(Wiring.platformClient(ctx, config, kubernetesContext.name),
                serving.lockNamespace(), service, ctx.env(), line -> log(ctx, line));
    }

    private static void report(CliContext ctx, Optional<Alerter> alerter, WatchEvent event) {
        log(ctx, event.message());
        if (event.alert()) {
            alerter.flatMap(a -> a.alert(event)).ifPresent(why -> ctx.err().println("warning: alert not delivered: "
                    + why));
        }
    }

    /** One line per event, with the time: the watch's output is a log. */
    private static void log(CliContext ctx, String line) {
        synchronized (ctx.out()) {
            ctx.out().println(Json.time(Instant.now()) + " " + line);
            ctx.out().flush();
        }
    }
}
