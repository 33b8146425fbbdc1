package dev.rollback.core.plan;

import java.util.List;

/** A plan as shown before it runs: the steps, every preflight check, and what the operator should know. */
public interface PlannedRollback {

    Plan plan();

    List<Check> checks();

    /** What changes, in a few words: "v7 → v5", "Deployment ml-serving/model-server revision 7 → 5". */
    String headline();

    /** Things to know that are neither checks nor steps: skipped revisions, abort vs undo, ... */
    default List<String> notes() {
        return List.of();
    }

    default boolean refused() {
        return checks().stream().anyMatch(c -> c.result() == Check.Result.FAIL);
    }

    default List<Check> failures() {
        return checks().stream().filter(c -> c.result() == Check.Result.FAIL).toList();
    }
}
