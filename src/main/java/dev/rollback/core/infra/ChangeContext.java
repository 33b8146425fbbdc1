package dev.rollback.core.infra;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What a change may use: the {@code kubernetes.io/change-cause} text (rollback id, who, why), the time
 * budget for platforms whose undo waits by itself ({@code helm rollback --wait}), and a progress sink.
 */
public record ChangeContext(String changeCause, Duration timeout, Consumer<String> progress) {
}
