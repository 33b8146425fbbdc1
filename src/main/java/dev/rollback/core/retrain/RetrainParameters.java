package dev.rollback.core.retrain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a retrain pipeline is told. Each adapter passes these as its system's variables/inputs/parameters
 * under the names in {@link #asVariables()}.
 *
 * @param configRef the git ref of the training code/config to run (branch, tag or commit)
 * @param emergency true for a rollback-driven retrain, so the pipeline can skip slow optional stages
 */
public record RetrainParameters(String model, String datasetVersion, String configRef, boolean emergency,
        String rollbackId) {

    public static final String MODEL = "ROLLBACK_MODEL_NAME";
    public static final String DATASET = "ROLLBACK_DATASET_VERSION";
    public static final String CONFIG_REF = "ROLLBACK_CONFIG_REF";
    public static final String EMERGENCY = "ROLLBACK_EMERGENCY";
    public static final String ID = "ROLLBACK_ID";

    /** The variables in a fixed order, so previews and requests are stable. */
    public Map<String, String> asVariables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(MODEL, model);
        vars.put(DATASET, datasetVersion);
        vars.put(CONFIG_REF, configRef);
        vars.put(EMERGENCY, Boolean.toString(emergency));
        vars.put(ID, rollbackId);
        return vars;
    }
}
