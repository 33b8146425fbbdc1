package dev.rollback.core.report;

import dev.rollback.core.plan.Plan;
import dev.rollback.core.plan.StepSpec;

/** Reads what a plan moved from its steps' parameters, the way {@code HistoryService} does for each kind. */
final class ChangeSummaries {

    private ChangeSummaries() {
    }

    static ChangeSummary of(Plan plan) {
        return switch (plan.kind()) {
            case "infra" -> fromParams(plan, "serving revision", "fromRevision", "toRevision", "");
            case "features" -> shortCommits(fromParams(plan, "feature pipeline", "base", "target", ""));
            case "retrain" -> {
                String dataset = param(plan, "dataset");
                yield new ChangeSummary("training data", null, dataset == null ? null : "dataset " + dataset);
            }
            default -> {
                // model and model+infra: the audit step names both versions
                ChangeSummary model = fromParams(plan, "model", "from", "to", "v");
                yield model.known() ? model : new ChangeSummary(plan.kind(), null, null);
            }
        };
    }

    private static ChangeSummary fromParams(Plan plan, String subject, String fromKey, String toKey, String prefix) {
        String from = param(plan, fromKey);
        String to = param(plan, toKey);
        return new ChangeSummary(subject, from == null ? null : prefix + from, to == null ? null : prefix + to);
    }

    private static ChangeSummary shortCommits(ChangeSummary change) {
        return new ChangeSummary(change.subject(), shortCommit(change.from()), shortCommit(change.to()));
    }

    private static String shortCommit(String id) {
        return id == null || id.length() <= 9 ? id : id.substring(0, 9);
    }

    /** The last step that carries the parameter: later steps know the final values. */
    private static String param(Plan plan, String key) {
        String value = null;
        for (StepSpec step : plan.steps()) {
            value = step.params().getOrDefault(key, value);
        }
        return value;
    }
}
