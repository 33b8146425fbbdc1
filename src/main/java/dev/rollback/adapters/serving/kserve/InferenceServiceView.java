package dev.rollback.adapters.serving.kserve;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A fetched InferenceService, read with KServe's v1beta1 field names. Missing fields read as empty.
 * <p>
 * What KServe's predictor status says (ComponentStatusSpec, PropagateStatus): latestCreatedRevision and
 * latestReadyRevision are Knative's; latestRolledoutRevision is the last revision that got 100% of the
 * traffic and previousRolledoutRevision the one before it. With spec.predictor.canaryTrafficPercent set, KServe
 * routes that percent to the latest ready revision and the rest to latestRolledoutRevision, tagged "prev".
 */
final class InferenceServiceView {

    /** spec.predictor.model (v0.8+), then the older one-of framework fields, each with its own storageUri. */
    static final List<String> MODEL_FIELDS = List.of("model", "sklearn", "xgboost", "tensorflow", "pytorch", "triton", "onnx",
            "huggingface", "pmml", "lightgbm", "paddle");

    record Traffic(String revision, boolean latest, String tag, int percent) {
    }

    record Condition(String type, String status, String reason, String message) {

        String describe() {
            String why = (reason.isEmpty() ? "" : reason) + (message.isEmpty() ? "" : (reason.isEmpty() ? "" : ": ") + message);
            return type + " " + status + (why.isEmpty() ? "" : " (" + why + ")");
        }
    }

    private final GenericKubernetesResource isvc;

    InferenceServiceView(GenericKubernetesResource isvc) {
        this.isvc = isvc;
    }

    String resourceVersion() {
        return isvc.getMetadata().getResourceVersion();
    }

    long generation() {
        return Objects.requireNonNullElse(isvc.getMetadata().getGeneration(), 0L);
    }

    Map<String, String> labels() {
        return Objects.requireNonNullElse(isvc.getMetadata().getLabels(), Map.of());
    }

    Map<String, String> annotations() {
        return Objects.requireNonNullElse(isvc.getMetadata().getAnnotations(), Map.of());
    }

    /** The spec.predictor field that holds the storageUri ("model", "sklearn", ...), if any. */
    Optional<String> modelField() {
        return MODEL_FIELDS.stream().filter(f -> isvc.get("spec", "predictor", f, "storageUri") != null).findFirst();
    }

    Optional<String> storageUri() {
        return modelField().map(f -> String.valueOf(isvc.<Object>get("spec", "predictor", f, "storageUri")));
    }

    /** An image override on the model container, or the custom containers' images. */
    List<String> images() {
        List<String> images = new ArrayList<>();
        modelField().map(f -> isvc.<Object>get("spec", "predictor", f, "image")).ifPresent(i -> images.add(String.valueOf(i)));
        List<Map<String, Object>> containers = Objects.requireNonNullElse(isvc.get("spec", "predictor", "containers"), List.of());
        containers.stream().map(c -> c.get("image")).filter(Objects::nonNull).forEach(i -> images.add(String.valueOf(i)));
        return images;
    }

    /** spec.predictor.canaryTrafficPercent, or empty when not set (all traffic to the latest ready revision). */
    Optional<Integer> canaryPercent() {
        return isvc.get("spec", "predictor", "canaryTrafficPercent") instanceof Number n ? Optional.of(n.intValue()) : Optional.empty();
    }

    boolean hasStatus() {
        return isvc.get("status") != null;
    }

    String predictorStatus(String field) {
        Object value = isvc.get("status", "components", "predictor", field);
        return value == null ? "" : String.valueOf(value);
    }

    List<Traffic> traffic() {
        List<Map<String, Object>> targets = Objects.requireNonNullElse(isvc.get("status", "components", "predictor", "traffic"), List.of());
        return targets.stream().map(t -> new Traffic(String.valueOf(t.getOrDefault("revisionName", "")), Boolean.TRUE.equals(t.get("latestRevision")),
                String.valueOf(t.getOrDefault("tag", "")), t.get("percent") instanceof Number n ? n.intValue() : 0)).toList();
    }

    Optional<Traffic> latestTarget() {
        return traffic().stream().filter(Traffic::latest).findFirst();
    }

    /** The "prev" target: latestRolledoutRevision, while a canary is configured. */
    Optional<Traffic> previousTarget() {
        return traffic().stream().filter(t -> !t.latest() && "prev".equals(t.tag())).findFirst();
    }

    List<Condition> conditions() {
        List<Map<String, Object>> conditions = Objects.requireNonNullElse(isvc.get("status", "conditions"), List.of());
        return conditions.stream().map(c -> new Condition(text(c, "type"), text(c, "status"), text(c, "reason"), text(c, "message"))).toList();
    }

    Optional<Condition> condition(String type) {
        return conditions().stream().filter(c -> type.equals(c.type())).findFirst();
    }

    /**
     * Whether status.components.predictor.traffic is what spec asks for: the canary percent on the latest
     * target and the rest on "prev", or 100% on the latest when no canary is configured.
     */
    boolean trafficMatchesSpec() {
        Optional<Traffic> latest = latestTarget();
        if (latest.isEmpty()) {
            return false;
        }
        Optional<Integer> canary = canaryPercent();
        if (canary.isEmpty() || predictorStatus("latestRolledoutRevision").isEmpty()) {
            return latest.get().percent() == 100;
        }
        int rest = 100 - canary.get();
        return latest.get().percent() == canary.get() && (rest == 0 || previousTarget().map(t -> t.percent() == rest).orElse(false));
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? "" : String.valueOf(value);
    }
}
