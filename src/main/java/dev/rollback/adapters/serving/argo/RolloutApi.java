package dev.rollback.adapters.serving.argo;

import dev.rollback.adapters.serving.kubernetes.CustomResource;
import dev.rollback.adapters.serving.kubernetes.JsonPatch;
import dev.rollback.adapters.serving.kubernetes.KubernetesErrors;
import dev.rollback.adapters.serving.kubernetes.ReplicaSetHistory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes one argoproj.io/v1alpha1 Rollout and lists what it owns; every failure names the Rollout. */
final class RolloutApi {

    /** Spelled out so no API discovery request (and no discovery RBAC) is needed. */
    static final ResourceDefinitionContext ROLLOUTS = new ResourceDefinitionContext.Builder().withGroup("argoproj.io")
            .withVersion("v1alpha1").withKind("Rollout").withPlural("rollouts").withNamespaced(true).build();
    /** On the Rollout and on each of its ReplicaSets (utils/annotations in argo-rollouts). */
    static final String REVISION = "rollout.argoproj.io/revision";
    /** v1alpha1.DefaultRolloutUniqueLabelKey: the pod template hash on ReplicaSets and pods. */
    static final String HASH_LABEL = "rollouts-pod-template-hash";
    static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
    private static final String ABORT = "{\"status\":{\"abort\":true}}";

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final CustomResource object;

    RolloutApi(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.object = new CustomResource(client, ROLLOUTS, namespace, name);
    }

    String label() {
        return object.label();
    }

    RolloutView read() {
        return new RolloutView(object.read());
    }

    /** A JSON Patch carrying {@code expectedVersion}: the API server answers 409 when the Rollout changed since. */
    RolloutView patch(JsonPatch patch, String expectedVersion) {
        return new RolloutView(object.patch(patch, expectedVersion));
    }

    /**
     * What {@code kubectl argo rollouts abort} sends: a merge patch of status.abort on the status subresource,
     * and on the object itself when the CRD has no status subresource (404), as the plugin does.
     */
    void abort() {
        try {
            try {
                resource().subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), ABORT);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
                resource().patch(PatchContext.of(PatchType.JSON_MERGE), ABORT);
            }
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.classify(label(), "abort", e);
        }
    }

    /**
     * The Rollout's ReplicaSets: listed by its selector like the plugin's undo, then kept only when their
     * controller owner reference carries the Rollout's uid, so a stranger matching the labels is never picked.
     */
    List<ReplicaSet> replicaSets(RolloutView rollout) {
        try {
            var list = client.apps().replicaSets().inNamespace(namespace);
            Map<String, String> selector = rollout.selector();
            var items = (selector.isEmpty() ? list.list() : list.withLabels(selector).list()).getItems();
            return items.stream().filter(rs -> ReplicaSetHistory.controlledBy(rs, rollout.uid())).toList();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.classify("ReplicaSets of " + label(), "list", e);
        }
    }

    /** Pods of one ReplicaSet generation of the Rollout (by its pod template hash). */
    List<Pod> pods(RolloutView rollout, String hash) {
        Map<String, String> labels = new HashMap<>(rollout.selector());
        labels.put(HASH_LABEL, hash);
        try {
            return client.pods().inNamespace(namespace).withLabels(labels).list().getItems();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.classify("pods of " + label(), "list", e);
        }
    }

    private Resource<GenericKubernetesResource> resource() {
        return object.resource();
    }
}
