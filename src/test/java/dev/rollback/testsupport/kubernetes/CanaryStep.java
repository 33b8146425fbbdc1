package dev.rollback.testsupport.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One reconcile of one Rollout's basic canary for {@link ArgoRolloutController}: steps, replica counts per
 * weight, promotion, abort, and the status the real controller would write (a merge patch of the changed
 * top-level fields only, as the real one diffs, so a concurrent {@code status.abort=true} is not overwritten).
 */
final class CanaryStep {

    private final ArgoRolloutController controller;
    private final GenericKubernetesResource ro;
    private final ReplicaSet current;
    private final List<ReplicaSet> owned;
    private final String hash;

    CanaryStep(ArgoRolloutController controller, GenericKubernetesResource ro, ReplicaSet current, List<ReplicaSet> owned, String hash) {
        this.controller = controller;
        this.ro = ro;
        this.current = current;
        this.owned = owned;
        this.hash = hash;
    }

    void run() {
        Map<String, Object> before = Objects.requireNonNullElse(ro.get("status"), Map.of());
        int n = ro.get("spec", "replicas") instanceof Number r ? r.intValue() : 1;
        List<Map<String, Object>> steps = Objects.requireNonNullElse(ro.get("spec", "strategy", "canary", "steps"), List.of());
        String stable = String.valueOf(before.getOrDefault("stableRS", ""));
        boolean abort = Boolean.TRUE.equals(before.get("abort"));
        int index = before.get("currentStepIndex") instanceof Number i ? i.intValue() : 0;
        if (stable.isEmpty()) {
            stable = hash; // the first template: nothing to canary against
            index = steps.size();
        } else if (!hash.equals(before.get("currentPodHash"))) {
            abort = false; // a template change resets the steps and clears the abort (resetRolloutStatus)
            index = hash.equals(stable) ? steps.size() : 0;
        }
        boolean paused = false;
        int readyNow = current.getStatus() == null || current.getStatus().getReadyReplicas() == null ? 0 : current.getStatus().getReadyReplicas();
        while (!abort && !hash.equals(stable) && index < steps.size()) {
            Map<String, Object> step = steps.get(index);
            if (step.containsKey("pause") && !controller.takePromotion(ro.getMetadata().getName())) {
                paused = true;
                break;
            }
            if (step.get("setWeight") instanceof Number w && readyNow < canaryPods(n, w.intValue())) {
                break; // scale first, move on once the canary pods are ready
            }
            index++;
        }
        int weight = hash.equals(stable) ? 100 : abort ? 0 : weight(steps, index);
        List<Pod> canary = controller.scale(current, hash.equals(stable) ? n : canaryPods(n, weight), true);
        int ready = (int) canary.stream().filter(FakePods::isReady).count();
        if (!hash.equals(stable) && !abort && index >= steps.size() && ready >= n) {
            stable = hash; // all steps done and the canary fully available: it becomes the stable ReplicaSet
        }
        int total = canary.size();
        int readyTotal = ready;
        for (ReplicaSet rs : owned) {
            String other = ArgoRolloutController.hashOf(rs);
            if (!other.equals(hash)) {
                List<Pod> pods = controller.scale(rs, other.equals(stable) ? Math.max(0, n - canary.size()) : 0, false);
                total += pods.size();
                readyTotal += (int) pods.stream().filter(FakePods::isReady).count();
            }
        }
        write(before, status(before, n, steps, stable, abort, index, paused, canary.size(), total, readyTotal));
    }

    private Map<String, Object> status(Map<String, Object> before, int n, List<Map<String, Object>> steps, String stable, boolean abort,
            int index, boolean paused, int updated, int total, int ready) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("observedGeneration", String.valueOf(ro.getMetadata().getGeneration()));
        status.put("currentPodHash", hash);
        status.put("stableRS", stable);
        if (!steps.isEmpty()) {
            status.put("currentStepIndex", index);
        }
        status.put("replicas", total);
        status.put("updatedReplicas", updated);
        status.put("readyReplicas", ready);
        status.put("availableReplicas", ready);
        String revision = ArgoRolloutController.annotations(current.getMetadata().getAnnotations()).get(ArgoRolloutController.REVISION);
        String[] phase = abort ? new String[] {"Degraded", "RolloutAborted", "Rollout aborted update to revision " + revision}
                : paused ? new String[] {"Paused", "PausedRollout", "CanaryPauseStep"}
                : !hash.equals(stable) ? new String[] {"Progressing", "ReplicaSetUpdated", "waiting for all steps to complete"}
                : ready < n || total > n ? new String[] {"Progressing", "ReplicaSetUpdated", "updated replicas are still becoming available"}
                : new String[] {"Healthy", "NewReplicaSetAvailable", ""};
        status.put("phase", phase[0]);
        status.put("message", abort ? phase[1] + ": " + phase[2] : phase[0].equals("Healthy") ? "" : phase[2]);
        status.put("conditions", List.of(Map.of("type", "Progressing", "status", abort ? "False" : "True", "reason", phase[1],
                "message", phase[2], "lastTransitionTime", since(before, phase[1]))));
        status.put("abort", abort ? true : null);
        status.put("abortedAt", abort ? before.getOrDefault("abortedAt", now()) : null);
        status.put("pauseConditions", paused ? List.of(Map.of("reason", "CanaryPauseStep", "startTime", since(before, "PausedRollout"))) : null);
        status.put("controllerPause", paused ? true : null);
        return status;
    }

    /** Merge patch of the top-level fields that changed; null removes one. Nothing when nothing changed. */
    private void write(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> changed = new HashMap<>();
        after.forEach((key, value) -> {
            boolean had = before.containsKey(key);
            if (value == null ? had : !had || !ArgoRolloutController.same(before.get(key), value)) {
                changed.put(key, value);
            }
        });
        if (!changed.isEmpty()) {
            Map<String, Object> patch = new HashMap<>();
            patch.put("status", changed);
            controller.client().genericKubernetesResources(ArgoRollouts.CONTEXT).inNamespace(controller.namespace())
                    .withName(ro.getMetadata().getName()).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), ArgoRollouts.JSON.asJson(patch));
        }
    }

    private static int canaryPods(int replicas, int weight) {
        return (int) Math.ceil(replicas * weight / 100.0);
    }

    /** replicaset.GetCurrentSetWeight: the last setWeight at or before the current step; 100 after the last step. */
    private static int weight(List<Map<String, Object>> steps, int index) {
        if (index >= steps.size()) {
            return 100;
        }
        for (int i = index; i >= 0; i--) {
            if (steps.get(i).get("setWeight") instanceof Number w) {
                return w.intValue();
            }
        }
        return 0;
    }

    /** Keeps a condition's transition time while its reason stays, so a quiet Rollout's status does not change. */
    private static String since(Map<String, Object> before, String reason) {
        if (before.get("conditions") instanceof List<?> conditions) {
            for (Object condition : conditions) {
                if (condition instanceof Map<?, ?> c && reason.equals(c.get("reason"))) {
                    return String.valueOf(c.get("lastTransitionTime"));
                }
            }
        }
        return now();
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
