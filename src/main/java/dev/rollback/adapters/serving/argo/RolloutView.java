package dev.rollback.adapters.serving.argo;

import dev.rollback.core.infra.RolloutPhase;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A fetched Rollout, read the way {@code kubectl argo rollouts get} reads it (info/rollout_info.go and
 * utils/rollout/rolloututil.go). Unknown or missing fields read as empty, never as errors.
 */
final class RolloutView {

    record Phase(RolloutPhase phase, String detail) {
    }

    private final GenericKubernetesResource rollout;

    RolloutView(GenericKubernetesResource rollout) {
        this.rollout = rollout;
    }

    String uid() {
        return rollout.getMetadata().getUid();
    }

    String resourceVersion() {
        return rollout.getMetadata().getResourceVersion();
    }

    long generation() {
        return Objects.requireNonNullElse(rollout.getMetadata().getGeneration(), 0L);
    }

    Map<String, String> labels() {
        return Objects.requireNonNullElse(rollout.getMetadata().getLabels(), Map.of());
    }

    Map<String, String> annotations() {
        return Objects.requireNonNullElse(rollout.getMetadata().getAnnotations(), Map.of());
    }

    /** The controller copies the current ReplicaSet's revision here. */
    String revision() {
        return annotations().getOrDefault(RolloutApi.REVISION, "");
    }

    int replicas() {
        Object replicas = rollout.get("spec", "replicas");
        return replicas instanceof Number n ? n.intValue() : 1;
    }

    Map<String, Object> template() {
        return Objects.requireNonNullElse(rollout.get("spec", "template"), Map.of());
    }

    PodTemplateSpec podTemplate() {
        return RolloutTemplates.podTemplate(template());
    }

    Map<String, String> selector() {
        return Objects.requireNonNullElse(rollout.get("spec", "selector", "matchLabels"), Map.of());
    }

    /** "canary", "blueGreen" or "" (spec.strategy has exactly one). */
    String strategy() {
        Map<String, Object> strategy = Objects.requireNonNullElse(rollout.get("spec", "strategy"), Map.of());
        return strategy.containsKey("canary") ? "canary" : strategy.containsKey("blueGreen") ? "blueGreen" : "";
    }

    /** status.stableRS; Rollouts before v0.9 kept it in status.canary.stableRS. */
    String stableHash() {
        String stable = status("stableRS");
        return stable.isEmpty() ? Objects.requireNonNullElse(rollout.get("status", "canary", "stableRS"), "") : stable;
    }

    String currentHash() {
        return status("currentPodHash");
    }

    boolean aborted() {
        return Boolean.TRUE.equals(rollout.get("status", "abort"));
    }

    /** A canary or blue-green update is under way (or aborted): the current template is not the stable one. */
    boolean updating() {
        return !stableHash().isEmpty() && !currentHash().isEmpty() && !stableHash().equals(currentHash());
    }

    boolean hasStatus() {
        return rollout.get("status") != null;
    }

    int statusCount(String field) {
        Object value = rollout.get("status", field);
        return value instanceof Number n ? n.intValue() : 0;
    }

    /**
     * status.observedGeneration is a string in Argo (a hash before v0.10): a non-number counts as observed,
     * as in rolloututil.isGenerationObserved.
     */
    boolean generationObserved() {
        String observed = status("observedGeneration");
        try {
            return Long.parseLong(observed) >= generation();
        } catch (NumberFormatException e) {
            return !observed.isEmpty();
        }
    }

    /** Where the Rollout stands, with revision numbers from {@code revisionOf(hash)}. */
    Phase phase(Function<String, String> revisionOf) {
        if (!hasStatus()) {
            return new Phase(RolloutPhase.UNKNOWN, "the Argo Rollouts controller has not reported a status yet");
        }
        if (!generationObserved()) {
            return new Phase(RolloutPhase.PROGRESSING, "waiting for the controller to observe the spec change");
        }
        String update = updating() ? update(revisionOf) : "";
        if (aborted()) {
            return new Phase(RolloutPhase.STUCK, "aborted: " + abortMessage() + "; traffic is back on stable revision "
                    + revisionOf.apply(stableHash()) + " but spec.template still holds revision " + revisionOf.apply(currentHash()));
        }
        String message = status("message");
        return switch (status("phase")) {
            case "Healthy" -> new Phase(RolloutPhase.COMPLETE, "");
            case "Degraded" -> new Phase(RolloutPhase.STUCK, message.isEmpty() ? "Degraded" : message);
            case "Paused" -> new Phase(RolloutPhase.PROGRESSING, "paused: " + (update.isEmpty() ? message : update + " (" + message + ")"));
            case "Progressing" -> new Phase(RolloutPhase.PROGRESSING, update.isEmpty() ? message : update);
            case "" -> new Phase(RolloutPhase.UNKNOWN, "the controller reports no phase (Argo Rollouts before v1.0?)");
            default -> new Phase(RolloutPhase.UNKNOWN, "phase " + status("phase") + (message.isEmpty() ? "" : ": " + message));
        };
    }

    /** "canary at step 2/5, 20% traffic to revision 7, stable revision 6 serves the rest", as the plugin counts steps. */
    private String update(Function<String, String> revisionOf) {
        String target = "revision " + revisionOf.apply(currentHash());
        String stable = "stable revision " + revisionOf.apply(stableHash());
        if (!"canary".equals(strategy())) {
            return "blue-green update to " + target + ", " + stable + " stays active";
        }
        if (steps().isEmpty()) {
            return "rolling out " + target + " (a canary without steps); " + stable + " serves until it is ready";
        }
        return "canary at step " + stepIndex() + "/" + steps().size() + ", " + weight() + "% traffic to " + target + ", " + stable + " serves the rest";
    }

    int stepIndex() {
        Object index = rollout.get("status", "currentStepIndex");
        return index instanceof Number n ? n.intValue() : 0;
    }

    List<Map<String, Object>> steps() {
        return Objects.requireNonNullElse(rollout.get("spec", "strategy", "canary", "steps"), List.of());
    }

    /**
     * The canary's traffic weight: as measured by the traffic router when one reports it, else the last
     * setWeight step reached (replicaset.GetCurrentSetWeight: 0 once aborted, 100 after the last step).
     */
    int weight() {
        Object measured = rollout.get("status", "canary", "weights", "canary", "weight");
        if (measured instanceof Number n) {
            return n.intValue();
        }
        List<Map<String, Object>> steps = steps();
        if (aborted()) {
            return 0;
        }
        if (stepIndex() >= steps.size()) {
            return 100;
        }
        for (int i = stepIndex(); i >= 0; i--) {
            if (steps.get(i).get("setWeight") instanceof Number w) {
                return w.intValue();
            }
        }
        return 0;
    }

    /** status.phase as the controller (v1.0+) writes it: Healthy, Progressing, Paused, Degraded; "" when absent. */
    String phaseName() {
        return status("phase");
    }

    private String abortMessage() {
        List<Map<String, Object>> conditions = Objects.requireNonNullElse(rollout.get("status", "conditions"), List.of());
        return conditions.stream().filter(c -> "RolloutAborted".equals(c.get("reason")) && c.get("message") != null)
                .map(c -> String.valueOf(c.get("message"))).findFirst()
                .orElse(status("message").isEmpty() ? "RolloutAborted" : status("message"));
    }

    private String status(String field) {
        Object value = rollout.get("status", field);
        return value == null ? "" : String.valueOf(value);
    }
}
