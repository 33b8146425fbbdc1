package dev.rollback.testsupport.mlflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registry every test of the project starts from: a recommender whose release 7 collapsed
 * diversity.
 *
 * <pre>
 * version  stage       alias     tags                            run metric diversity
 *   1      None                                                    0.61
 *   2      None                                                    0.64
 *   3      Archived                                                0.70
 *   4      Production                                              0.66
 *   5      None                  rollback.healthy_baseline=true    0.73
 *   6      Production                                              0.31
 *   7      Production  champion                                    0.04
 * </pre>
 * Each version has its own run in the experiment {@code rollback-<model>}, and its source is
 * {@code <run artifact URI>/model}, as {@code mlflow.register_model("runs:/<id>/model")} records it: under
 * the test server's artifact root, an S3 bucket on moto ({@link MlflowServer}). Seeding registers the
 * versions only; {@code e2e.RollbackStack} uploads the artifacts where the sources say.
 */
public final class RecsysScenario {

    public static final String DEFAULT_MODEL = "homepage-recsys";
    public static final String CHAMPION = "champion";
    public static final String BASELINE_TAG = "rollback.healthy_baseline";
    public static final String METRIC = "diversity";
    public static final Map<String, Double> DIVERSITY = Map.of(
            "1", 0.61, "2", 0.64, "3", 0.70, "4", 0.66, "5", 0.73, "6", 0.31, "7", 0.04);
    public static final Map<String, String> STAGE = Map.of(
            "1", "None", "2", "None", "3", "Archived", "4", "Production", "5", "None", "6", "Production",
            "7", "Production");

    private RecsysScenario() {
    }

    /** What was seeded. {@code runIds}, {@code sources}: version → run id / source, in version order. */
    public record Seeded(String modelName, String experimentId, Map<String, String> runIds, Map<String, String> sources) {

        public String runId(String version) {
            return runIds.get(version);
        }

        public String source(String version) {
            return sources.get(version);
        }
    }

    /** A source for versions registered without a run. */
    public static String sourceOf(String modelName, String version) {
        return "s3://mlflow-artifacts/" + modelName + "/" + version + "/model";
    }

    /** Seeds the scenario under {@code modelName} (which must not exist yet); about 30 requests. */
    public static Seeded seed(MlflowSeeder seeder, String modelName) {
        seeder.createRegisteredModel(modelName);
        String experimentId = seeder.experiment("rollback-" + modelName);
        Map<String, String> runIds = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (int n = 1; n <= 7; n++) {
            String v = String.valueOf(n);
            MlflowSeeder.Run run = seeder.createRun(experimentId, modelName + "-train-" + v, Map.of(METRIC, DIVERSITY.get(v)));
            String runId = run.id();
            sources.put(v, run.artifactUri() + "/model");
            String created = seeder.createModelVersion(modelName, sources.get(v), runId);
            if (!created.equals(v)) {
                throw new IllegalStateException("expected " + modelName + " version " + v + " but MLflow made "
                        + created + ": was the model already there?");
            }
            runIds.put(v, runId);
        }
        seeder.setVersionTag(modelName, "5", BASELINE_TAG, "true");
        seeder.transitionStage(modelName, "3", "Archived");
        for (String v : new String[] {"4", "6", "7"}) {
            seeder.transitionStage(modelName, v, "Production");
        }
        seeder.setAlias(modelName, CHAMPION, "7");
        return new Seeded(modelName, experimentId, Collections.unmodifiableMap(runIds),
                Collections.unmodifiableMap(sources));
    }

    public static Seeded seed(MlflowSeeder seeder) {
        return seed(seeder, DEFAULT_MODEL);
    }
}
