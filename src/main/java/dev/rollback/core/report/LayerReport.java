package dev.rollback.core.report;

import java.util.List;

/**
 * What happened to one layer of the ML system.
 *
 * @param layer     model | serving | features | data (the registry's audit tags count as model), or a step's own
 *                  layer name when it is none of those
 * @param unchanged when no step touched it: the plan's own words for leaving it alone, or "not part of this plan";
 *                  null when steps touched it
 */
public record LayerReport(String layer, List<StepReport> steps, String unchanged) {

    public LayerReport {
        steps = List.copyOf(steps);
    }

    public boolean changed() {
        return !steps.isEmpty();
    }
}
