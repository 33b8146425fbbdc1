package dev.rollback.testsupport.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test stand-in for the Argo Rollouts controller (basic canary, no traffic router); not the real thing.
 * Per Rollout of one namespace it does what rollout/sync.go and rollout/canary.go do for the cases tested:
 * one ReplicaSet per pod template ({@code <rollout>-<hash>}, label {@code rollouts-pod-template-hash},
 * annotation {@code rollout.argoproj.io/revision}, controller owner reference, the Rollout's change cause
 * copied), the next revision number for a template that comes back, setWeight steps that scale the canary
 * ReplicaSet, indefinite pauses until {@link #promote}, an abort (status.abort) that scales the canary to
 * zero, a template change that resets the steps and clears the abort (skipping all steps when the template is
 * the stable one), and status with phase, stableRS, currentPodHash, currentStepIndex and a string
 * observedGeneration. Pods come from {@link FakePods}; faults apply to pods of the current template only.
 */
public final class ArgoRolloutController implements AutoCloseable {

    static final String REVISION = "rollout.argoproj.io/revision";
    static final String HASH = "rollouts-pod-template-hash";

    private final KubernetesClient client;
    private final String namespace;
    private final ReplicaSets replicaSets;
    private final Set<String> promotions = ConcurrentHashMap.newKeySet();
    private final Object reconcileLock = new Object();
    private volatile FakePods.Fault fault = FakePods.Fault.NONE;
    private final ReconcileLoop loop;

    public ArgoRolloutController(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.loop = new ReconcileLoop("test-argo-rollouts-controller-" + namespace, this::reconcileOnce);
        this.replicaSets = new ReplicaSets(client, namespace);
    }

    public ArgoRolloutController start() {
        loop.start();
        return this;
    }

    /** Pods of the current template created from now on run but never pass their readiness probe. */
    public ArgoRolloutController neverReady() {
        fault = new FakePods.Fault(null, true);
        return this;
    }

    /** Like {@code kubectl argo rollouts promote}: the Rollout goes past its current pause step. */
    public ArgoRolloutController promote(String rollout) {
        promotions.add(rollout);
        return this;
    }

    public RuntimeException lastError() {
        return loop.lastError();
    }

    public void reconcileOnce() {
        synchronized (reconcileLock) {
            for (GenericKubernetesResource rollout : client.genericKubernetesResources(ArgoRollouts.CONTEXT).inNamespace(namespace).list().getItems()) {
                reconcile(rollout);
            }
        }
    }

    private void reconcile(GenericKubernetesResource ro) {
        String name = ro.getMetadata().getName();
        PodTemplateSpec template = ArgoRollouts.JSON.convertValue(ro.get("spec", "template"), PodTemplateSpec.class);
        String hash = PodTemplateHash.of(template);
        List<ReplicaSet> owned = owned(ro);
        long newest = owned.stream().filter(rs -> !hash.equals(hashOf(rs))).mapToLong(ArgoRolloutController::revision).max().orElse(0);
        ReplicaSet current = owned.stream().filter(rs -> hash.equals(hashOf(rs))).findFirst().orElse(null);
        String cause = annotations(ro.getMetadata().getAnnotations()).get("kubernetes.io/change-cause");
        if (current == null) {
            current = client.resource(newReplicaSet(ro, template, hash, newest + 1, cause)).create();
        } else if (revision(current) <= newest) {
            // a template that comes back gets the next revision, like syncReplicaSetRevision
            Map<String, String> bumped = new LinkedHashMap<>(Map.of(REVISION, String.valueOf(newest + 1)));
            if (cause != null) {
                bumped.put("kubernetes.io/change-cause", cause);
            }
            current = client.resource(current).patch(PatchContext.of(PatchType.JSON_MERGE), ArgoRollouts.JSON.asJson(Map.of("metadata", Map.of("annotations", bumped))));
        }
        String revision = String.valueOf(revision(current));
        if (!revision.equals(annotations(ro.getMetadata().getAnnotations()).get(REVISION))) {
            ro = client.genericKubernetesResources(ArgoRollouts.CONTEXT).inNamespace(namespace).withName(name)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), ArgoRollouts.JSON.asJson(Map.of("metadata", Map.of("annotations", Map.of(REVISION, revision)))));
        }
        new CanaryStep(this, ro, current, owned, hash).run();
    }

    List<Pod> scale(ReplicaSet rs, int replicas, boolean current) {
        return replicaSets.scale(rs, replicas, current ? fault : FakePods.Fault.NONE);
    }

    boolean takePromotion(String rollout) {
        return promotions.remove(rollout);
    }

    KubernetesClient client() {
        return client;
    }

    String namespace() {
        return namespace;
    }

    private List<ReplicaSet> owned(GenericKubernetesResource ro) {
        String uid = ro.getMetadata().getUid();
        return client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                .filter(rs -> rs.getMetadata().getOwnerReferences() != null && rs.getMetadata().getOwnerReferences().stream()
                        .anyMatch(r -> Boolean.TRUE.equals(r.getController()) && uid.equals(r.getUid()))).toList();
    }

    private ReplicaSet newReplicaSet(GenericKubernetesResource ro, PodTemplateSpec template, String hash, long revision, String cause) {
        PodTemplateSpec labelled = new PodTemplateSpecBuilder(template).editOrNewMetadata().addToLabels(HASH, hash).endMetadata().build();
        OwnerReference owner = new OwnerReferenceBuilder().withApiVersion("argoproj.io/v1alpha1").withKind("Rollout")
                .withName(ro.getMetadata().getName()).withUid(ro.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build();
        Map<String, String> selector = Objects.requireNonNullElse(ro.get("spec", "selector", "matchLabels"), Map.of());
        return new ReplicaSetBuilder()
                .withNewMetadata().withNamespace(namespace).withName(ro.getMetadata().getName() + "-" + hash)
                    .withLabels(labelled.getMetadata().getLabels()).addToAnnotations(REVISION, String.valueOf(revision))
                    .addToAnnotations(cause == null ? Map.of() : Map.of("kubernetes.io/change-cause", cause))
                    .withOwnerReferences(owner)
                .endMetadata()
                .withNewSpec().withReplicas(0).withNewSelector().addToMatchLabels(selector).addToMatchLabels(HASH, hash).endSelector()
                    .withTemplate(labelled)
                .endSpec().build();
    }

    static long revision(ReplicaSet rs) {
        return Long.parseLong(annotations(rs.getMetadata().getAnnotations()).getOrDefault(REVISION, "0"));
    }

    static String hashOf(ReplicaSet rs) {
        return annotations(rs.getMetadata().getLabels()).getOrDefault(HASH, "");
    }

    static Map<String, String> annotations(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    static boolean same(Object before, Object after) {
        JsonNode a = ArgoRollouts.JSON.convertValue(before == null ? Map.of() : before, JsonNode.class);
        return a.equals(ArgoRollouts.JSON.convertValue(after, JsonNode.class));
    }

    @Override
    public void close() {
        loop.close();
    }
}
