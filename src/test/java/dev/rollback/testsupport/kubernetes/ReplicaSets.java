package dev.rollback.testsupport.kubernetes;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The ReplicaSet half of {@link DeploymentController}: history, revisions, scaling and pods. */
final class ReplicaSets {

    private static final String REVISION = DeploymentController.REVISION;
    private static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    private static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

    private final KubernetesClient client;
    private final String namespace;

    ReplicaSets(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** ReplicaSets whose controller owner reference is this Deployment (by uid, like the real controller). */
    List<ReplicaSet> ownedBy(Deployment d) {
        return client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                .filter(rs -> ownedBy(rs.getMetadata().getOwnerReferences(), d.getMetadata().getUid())).toList();
    }

    /** The ReplicaSet for the Deployment's current template: created, or moved to the newest revision. */
    ReplicaSet currentFor(Deployment d, List<ReplicaSet> owned) {
        String hash = PodTemplateHash.of(d.getSpec().getTemplate());
        long newest = owned.stream().mapToLong(ReplicaSets::revision).max().orElse(0);
        ReplicaSet match = owned.stream().filter(rs -> hash.equals(rs.getMetadata().getLabels().get(PodTemplateHash.LABEL)))
                .findFirst().orElse(null);
        if (match == null) {
            return client.resource(newReplicaSet(d, hash, newest + 1)).create();
        }
        if (revision(match) < newest) {
            // a rollback: the real controller reuses the old ReplicaSet and gives it the next revision
            String history = match.getMetadata().getAnnotations().get(REVISION_HISTORY);
            String old = String.valueOf(revision(match));
            Map<String, Object> annotations = new java.util.HashMap<>(Map.of(REVISION, String.valueOf(newest + 1),
                    REVISION_HISTORY, history == null ? old : history + "," + old));
            changeCause(d).ifPresent(cause -> annotations.put(CHANGE_CAUSE, cause));
            return resource(match).patch(PatchContext.of(PatchType.JSON_MERGE),
                    Serialization.asJson(Map.of("metadata", Map.of("annotations", annotations))));
        }
        return match;
    }

    /** Sets spec.replicas, creates or deletes pods to match, writes RS status; returns the pods now. */
    List<Pod> scale(ReplicaSet rs, int replicas, FakePods.Fault fault) {
        if (replicas(rs) != replicas) {
            rs = resource(rs).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
        }
        String uid = rs.getMetadata().getUid();
        List<Pod> pods = client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> ownedBy(p.getMetadata().getOwnerReferences(), uid))
                .sorted(Comparator.comparing(FakePods::isReady)).collect(Collectors.toList());
        while (pods.size() > replicas) {
            // like the real one, unready pods go first
            client.resource(pods.remove(0)).delete();
        }
        while (pods.size() < replicas) {
            Pod pod = client.resource(FakePods.newPod(rs)).create();
            pods.add(client.pods().resource(pod).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                    Serialization.asJson(Map.of("status", FakePods.status(pod, fault)))));
        }
        int ready = (int) pods.stream().filter(FakePods::isReady).count();
        var status = rs.getStatus();
        if (status == null || !Objects.equals(status.getReplicas(), pods.size()) || !Objects.equals(status.getReadyReplicas(), ready)
                || !Objects.equals(status.getObservedGeneration(), rs.getMetadata().getGeneration())) {
            resource(rs).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("status", Map.of(
                    "replicas", pods.size(), "fullyLabeledReplicas", pods.size(), "readyReplicas", ready,
                    "availableReplicas", ready, "observedGeneration", rs.getMetadata().getGeneration()))));
        }
        return pods;
    }

    /** Deletes the oldest scaled-down ReplicaSets beyond spec.revisionHistoryLimit (default 10). */
    void pruneHistory(Deployment d, ReplicaSet current) {
        int limit = d.getSpec().getRevisionHistoryLimit() == null ? 10 : d.getSpec().getRevisionHistoryLimit();
        List<ReplicaSet> old = ownedBy(d).stream()
                .filter(rs -> !rs.getMetadata().getName().equals(current.getMetadata().getName()) && replicas(rs) == 0)
                .sorted(Comparator.comparingLong(ReplicaSets::revision)).toList();
        for (int i = 0; i < old.size() - limit; i++) {
            resource(old.get(i)).delete();
        }
    }

    /** The real controller copies the Deployment's annotations, change-cause included, to its new ReplicaSet. */
    private static java.util.Optional<String> changeCause(Deployment d) {
        Map<String, String> annotations = d.getMetadata().getAnnotations();
        return java.util.Optional.ofNullable(annotations == null ? null : annotations.get(CHANGE_CAUSE));
    }

    static long revision(ReplicaSet rs) {
        Map<String, String> annotations = rs.getMetadata().getAnnotations();
        return annotations == null || annotations.get(REVISION) == null ? 0 : Long.parseLong(annotations.get(REVISION));
    }

    static int replicas(ReplicaSet rs) {
        return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    }

    private ReplicaSet newReplicaSet(Deployment d, String hash, long revision) {
        PodTemplateSpec template = new PodTemplateSpecBuilder(d.getSpec().getTemplate())
                .editOrNewMetadata().addToLabels(PodTemplateHash.LABEL, hash).endMetadata().build();
        OwnerReference owner = new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                .withName(d.getMetadata().getName()).withUid(d.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
        return new ReplicaSetBuilder()
                .withNewMetadata().withNamespace(namespace).withName(d.getMetadata().getName() + "-" + hash)
                    .withLabels(template.getMetadata().getLabels())
                    .addToAnnotations(REVISION, String.valueOf(revision))
                    .addToAnnotations("deployment.kubernetes.io/desired-replicas", String.valueOf(d.getSpec().getReplicas()))
                    .addToAnnotations(changeCause(d).map(c -> Map.of(CHANGE_CAUSE, c)).orElse(Map.of()))
                    .withOwnerReferences(owner)
                .endMetadata()
                .withNewSpec().withReplicas(0).withMinReadySeconds(d.getSpec().getMinReadySeconds())
                    .withNewSelector().addToMatchLabels(d.getSpec().getSelector().getMatchLabels())
                        .addToMatchLabels(PodTemplateHash.LABEL, hash).endSelector()
                    .withTemplate(template)
                .endSpec()
                .build();
    }

    private io.fabric8.kubernetes.client.dsl.Resource<ReplicaSet> resource(ReplicaSet rs) {
        return client.apps().replicaSets().inNamespace(namespace).withName(rs.getMetadata().getName());
    }

    private static boolean ownedBy(List<OwnerReference> refs, String uid) {
        return refs != null && uid != null && refs.stream().anyMatch(r -> Boolean.TRUE.equals(r.getController()) && uid.equals(r.getUid()));
    }
}
