package dev.rollback.adapters.serving.argo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a ReplicaSet's pod template back into a Rollout template, and compares the two.
 * <p>
 * {@code kubectl argo rollouts undo} copies the ReplicaSet's template minus the hash label. But the controller
 * also injects its ephemeral metadata (canaryMetadata/stableMetadata labels and annotations, recorded in an
 * annotation on the ReplicaSet) and an anti-affinity rule against the stable pods into ReplicaSet templates;
 * copied back, they would make a new template (a new hash, a new ReplicaSet, the canary steps again) instead
 * of returning to the old one. So they are stripped too, as the controller does before it compares a
 * ReplicaSet with the Rollout (replicaset.ReplicaSetTemplateMatchesRollout).
 */
final class RolloutTemplates {

    /** Where the controller records which ephemeral labels and annotations it injected into a ReplicaSet's template. */
    static final String EPHEMERAL = "rollout.argoproj.io/ephemeral-metadata";
    static final KubernetesSerialization JSON = new KubernetesSerialization();

    private RolloutTemplates() {
    }

    /** The template to write into spec.template to return to {@code rs}. */
    static Map<String, Object> restorable(ReplicaSet rs) {
        ObjectNode template = JSON.convertValue(rs.getSpec().getTemplate(), ObjectNode.class);
        ObjectNode metadata = template.get("metadata") instanceof ObjectNode m ? m : template.putObject("metadata");
        metadata.remove("creationTimestamp");
        removeKeys(metadata.path("labels"), List.of(RolloutApi.HASH_LABEL));
        String injected = rs.getMetadata().getAnnotations() == null ? null : rs.getMetadata().getAnnotations().get(EPHEMERAL);
        if (injected != null) {
            JsonNode ephemeral = JSON.unmarshal(injected, JsonNode.class);
            removeKeys(metadata.path("labels"), keys(ephemeral.path("labels")));
            removeKeys(metadata.path("annotations"), keys(ephemeral.path("annotations")));
        }
        JsonNode antiAffinity = template.path("spec").path("affinity").path("podAntiAffinity");
        for (String kind : List.of("requiredDuringSchedulingIgnoredDuringExecution", "preferredDuringSchedulingIgnoredDuringExecution")) {
            if (antiAffinity.path(kind) instanceof ArrayNode terms) {
                for (int i = terms.size() - 1; i >= 0; i--) {
                    if (injectedTerm(terms.get(i))) {
                        terms.remove(i);
                    }
                }
            }
        }
        return toMap(template);
    }

    static PodTemplateSpec podTemplate(Map<String, Object> template) {
        return JSON.convertValue(template, PodTemplateSpec.class);
    }

    /**
     * Whether the Rollout's template already is {@code restorable}: every field the Rollout sets has the same
     * value there (unset fields are ignored, since the API server defaults ReplicaSet templates but not the
     * Rollout's), like apimachinery's Semantic.DeepDerivative that the plugin's undo uses.
     */
    static boolean matches(Map<String, Object> rolloutTemplate, Map<String, Object> restorable) {
        ObjectNode rollout = JSON.convertValue(rolloutTemplate, ObjectNode.class);
        removeKeys(rollout.path("metadata").path("labels"), List.of(RolloutApi.HASH_LABEL));
        return derivative(rollout, JSON.convertValue(restorable, JsonNode.class));
    }

    static List<String> images(PodTemplateSpec template) {
        if (template == null || template.getSpec() == null || template.getSpec().getContainers() == null) {
            return List.of();
        }
        return template.getSpec().getContainers().stream().map(Container::getImage).filter(Objects::nonNull).toList();
    }

    private static boolean derivative(JsonNode set, JsonNode actual) {
        if (set == null || set.isNull() || set.isMissingNode() || (set.isContainerNode() && set.isEmpty())
                || (set.isTextual() && set.asText().isEmpty())) {
            return true;
        }
        if (set.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!derivative(field.getValue(), actual.path(field.getKey()))) {
                    return false;
                }
            }
            return actual.isObject();
        }
        if (set.isArray()) {
            if (!actual.isArray() || actual.size() != set.size()) {
                return false;
            }
            for (int i = 0; i < set.size(); i++) {
                if (!derivative(set.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return set.isNumber() && actual.isNumber() ? set.decimalValue().compareTo(actual.decimalValue()) == 0 : set.equals(actual);
    }

    /** The controller's anti-affinity term selects pods by the stable hash label; users never write that. */
    private static boolean injectedTerm(JsonNode term) {
        JsonNode selector = term.has("podAffinityTerm") ? term.path("podAffinityTerm").path("labelSelector") : term.path("labelSelector");
        for (JsonNode expression : selector.path("matchExpressions")) {
            if (RolloutApi.HASH_LABEL.equals(expression.path("key").asText())) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode node) {
        return JSON.convertValue(node, Map.class);
    }

    private static List<String> keys(JsonNode map) {
        List<String> keys = new ArrayList<>();
        map.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static void removeKeys(JsonNode map, List<String> keys) {
        if (map instanceof ObjectNode object) {
            keys.forEach(object::remove);
        }
    }
}
