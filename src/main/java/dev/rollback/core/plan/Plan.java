package dev.rollback.core.plan;

import java.time.Instant;
import java.util.List;

/**
 * A rollback, decided before anything changes: who, why, and every step in order with its before
 * and after values. {@code --dry-run} prints it and stops; the executor runs it.
 *
 * @param kind       model | infra | features | ...
 * @param untouched  layers this plan deliberately does not change, said out loud
 */
public record Plan(String id, String kind, String service, Instant createdAt, String by, String reason,
        List<StepSpec> steps, List<String> untouched) {

    public Plan {
        steps = List.copyOf(steps);
        untouched = List.copyOf(untouched);
    }
}
