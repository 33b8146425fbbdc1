package dev.rollback.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** How long a command waits for a rollout to complete: model, infra, resume and abort share it. */
final class RolloutTimeoutOption {

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "How long to wait for the rollout (default: ${DEFAULT-VALUE}).")
    String timeout;

    Duration duration() {
        return Durations.parse("--timeout", timeout);
    }
}
