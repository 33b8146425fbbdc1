package dev.rollback.core.report;

/**
 * What the rollback moved, for a title: the model from v7 to v5, serving from revision 3 to 2, the feature
 * pipeline from one commit to another, or a retrain on a dataset.
 *
 * @param subject model | serving revision | feature pipeline | training data, or the plan's kind when the steps
 *                do not say
 * @param from    null when there is no "from" (a retrain) or the steps do not say
 * @param to      null when the steps do not say
 */
public record ChangeSummary(String subject, String from, String to) {

    public boolean known() {
        return to != null;
    }
}
