package dev.rollback.core.plan;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What a running step may use besides its adapters: the rollback's identity for audit records,
 * the time budget for waits, and a progress sink for live status lines.
 */
public record StepContext(String rollbackId, String by, String reason, Duration timeout, Consumer<String> progress) {
}
