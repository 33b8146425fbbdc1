package dev.rollback.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.cli.render.DecisionRenderer;
import dev.rollback.cli.render.Json;
import dev.rollback.cli.render.Style;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.decision.Decision;
import dev.rollback.core.decision.DecisionService;
import dev.rollback.core.metrics.MetricsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

@Command(name = "decide",
        header = "Read the service's metrics and say: ROLLBACK_IMMEDIATELY, INVESTIGATE_FIRST or MONITOR.",
        description = {
            "Hard triggers (revenue loss per minute, error rate, p99 latency above their maximum) say roll back now; "
                + "soft triggers (primary metric below its minimum, diversity or the primary metric down more than "
                + "the allowed percentage from the healthy baseline's run metrics) say investigate first. Every "
                + "reason is printed with its numbers; a signal that cannot be read is a gap, never a breach.",
            "Exit codes: 0 MONITOR, 13 INVESTIGATE_FIRST, 14 ROLLBACK_IMMEDIATELY, 3 no metrics section, "
                + "5 no signal could be read."})
public final class DecideCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    GlobalOptions globalOptions;

    @Parameters(paramLabel = "SERVICE", description = "The service, as named in rollback.yaml.")
    String service;

    @Option(names = "--at", paramLabel = "TIME", description = "Decide as of this instant (ISO-8601, e.g. "
            + "2026-11-23T02:13:00Z) instead of now: for a post-mortem.")
    String at;

    @Override
    public Integer call() {
        CliContext ctx = root.context();
        Instant when = instant();
        ServiceConfig config = ctx.service(service);
        DecisionService decisions = MetricsWiring.decisions(ctx, config);
        Decision decision = decisions.decide(when, decisions.baseline());
        String source = decisions.reader().location();
        if (decision.readings().stream().allMatch(r -> r.isGap())) {
            throw new MetricsException(MetricsException.Kind.UNAVAILABLE, "no signal of " + service + " could be read "
                    + "from " + source + ": " + String.join("; ", decision.readings().stream()
                            .map(r -> r.signal().label() + " " + r.gap()).toList()));
        }
        if (ctx.output() == OutputFormat.json) {
            ObjectNode doc = DecisionRenderer.json(decision, source);
            Json.print(doc, ctx.out());
        } else {
            DecisionRenderer.table(decision, source, new Style(ctx.colors()), ctx.out());
            ctx.out().println(DecisionRenderer.next(decision));
        }
        return switch (decision.verdict()) {
            case MONITOR -> ExitCode.OK.code();
            case INVESTIGATE_FIRST -> ExitCode.INVESTIGATE_FIRST.code();
            case ROLLBACK_IMMEDIATELY -> ExitCode.ROLLBACK_IMMEDIATELY.code();
        };
    }

    private Instant instant() {
        if (at == null) {
            return Instant.now();
        }
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new CliException(ExitCode.USAGE, "--at expects an ISO-8601 instant like 2026-11-23T02:13:00Z; got '"
                    + at + "'");
        }
    }
}
