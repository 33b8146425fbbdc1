package dev.rollback.core.infra;

import java.util.List;
import java.util.Map;

/**
 * A planned serving undo, as data: what it does in words, the before and after states for the plan, what
 * {@link ServingPlatform#apply}/{@link ServingPlatform#revert} need (stored in the journal, so never
 * secrets: revision numbers, template hashes, resourceVersions), and notes the operator must read.
 *
 * @param action  "undo to revision 5", "abort the canary (traffic back to stable)", "helm rollback to revision 3"
 * @param before  e.g. "revision 7: image model-server:2.4.1, model models:/recsys/7"
 * @param after   e.g. "revision 5: image model-server:2.4.0, model models:/recsys/5"
 * @param targetModelReference the model reference the target serves ("" when the platform cannot tell)
 * @param notes   what the operator should know: what is left untouched, which of abort/undo is done, ...
 */
public record InfraChange(String action, String before, String after, String targetModelReference,
        Map<String, String> params, List<String> notes) {

    public InfraChange {
        params = Map.copyOf(params);
        notes = List.copyOf(notes);
    }
}
