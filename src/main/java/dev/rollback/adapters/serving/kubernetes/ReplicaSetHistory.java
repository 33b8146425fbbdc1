package dev.rollback.adapters.serving.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Deployment's revision history as the deployment controller keeps it: one ReplicaSet per pod template,
 * owned by the Deployment (controller owner reference, not just matching labels: fabric8's undo() can pick a
 * stranger's), numbered by the {@code deployment.kubernetes.io/revision} annotation.
 */
public final class ReplicaSetHistory {

    static final String HASH_LABEL = "pod-template-hash";

    private final List<ReplicaSet> owned;
    private final KubernetesSerialization json;

    private ReplicaSetHistory(List<ReplicaSet> owned, KubernetesSerialization json) {
        this.owned = owned;
        this.json = json;
    }

    static ReplicaSetHistory of(KubernetesClient client, Deployment d) {
        String uid = d.getMetadata().getUid();
        var selector = d.getSpec().getSelector() == null ? null : d.getSpec().getSelector().getMatchLabels();
        var list = client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace());
        List<ReplicaSet> items = (selector == null || selector.isEmpty() ? list : list.withLabels(selector)).list().getItems();
        List<ReplicaSet> owned = items.stream().filter(rs -> controlledBy(rs, uid))
                .sorted(Comparator.comparingLong(ReplicaSetHistory::revision)).toList();
        return new ReplicaSetHistory(owned, client.getKubernetesSerialization());
    }

    /** Oldest first. */
    List<ReplicaSet> replicaSets() {
        return owned;
    }

    /** The ReplicaSet whose template is the Deployment's template now (kubectl's EqualIgnoreHash). */
    Optional<ReplicaSet> current(Deployment d) {
        JsonNode wanted = json.convertValue(d.getSpec().getTemplate(), JsonNode.class);
        return owned.stream().filter(rs -> wanted.equals(templateWithoutHash(rs))).reduce((a, b) -> b);
    }

    Optional<ReplicaSet> byRevision(long revision) {
        return owned.stream().filter(rs -> revision(rs) == revision).findFirst();
    }

    Optional<ReplicaSet> byHash(String hash) {
        return owned.stream().filter(rs -> hash.equals(hash(rs))).findFirst();
    }

    /** The ReplicaSet's pod template as the Deployment would hold it: without the pod-template-hash label. */
    JsonNode templateWithoutHash(ReplicaSet rs) {
        JsonNode template = json.convertValue(rs.getSpec().getTemplate(), JsonNode.class);
        JsonNode labels = template.path("metadata").path("labels");
        if (labels instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            o.remove(HASH_LABEL);
            if (o.isEmpty()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) template.path("metadata")).remove("labels");
            }
        }
        return template;
    }

    static long revision(ReplicaSet rs) {
        String value = annotations(rs).get(DeploymentBinding.REVISION);
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String hash(ReplicaSet rs) {
        Map<String, String> labels = rs.getMetadata().getLabels();
        return labels == null ? "" : labels.getOrDefault(HASH_LABEL, "");
    }

    static Map<String, String> annotations(ReplicaSet rs) {
        return rs.getMetadata().getAnnotations() == null ? Map.of() : rs.getMetadata().getAnnotations();
    }

    static List<String> images(PodTemplateSpec template) {
        return template.getSpec().getContainers().stream().map(Container::getImage).filter(Objects::nonNull).toList();
    }

    /** The model reference a template serves; "" for a ConfigMap location (the ConfigMap is not versioned). */
    static String modelReference(PodTemplateSpec template, ModelReferenceLocation location) {
        return PodTemplateReference.find(template, location).orElse("");
    }

    /** Whether the object's controller owner reference is the object with {@code uid} (not just matching labels). */
    public static boolean controlledBy(HasMetadata object, String uid) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        return uid != null && refs != null
                && refs.stream().anyMatch(r -> Boolean.TRUE.equals(r.getController()) && uid.equals(r.getUid()));
    }
}
