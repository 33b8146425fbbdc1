package dev.rollback.testsupport.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A test stand-in for kube-controller-manager's deployment and ReplicaSet controllers (and the kubelet's
 * pod status); not the real thing. fabric8's mock server runs no controllers, so this one does, for
 * every Deployment of one namespace: it creates a ReplicaSet per pod template (named
 * {@code <deployment>-<pod-template-hash>}, owned by the Deployment, annotated with
 * {@code deployment.kubernetes.io/revision}), moves an old ReplicaSet to the newest revision when a
 * template comes back (rollback), scales new up and old down, prunes history beyond
 * {@code revisionHistoryLimit}, creates and deletes pods, and writes Deployment status with the
 * Progressing and Available conditions. Pods are ready at once unless a fault is set.
 * <p>
 * Simplifications: no maxSurge/maxUnavailable (the new ReplicaSet gets {@link #podsPerStep} more pods per
 * reconcile, all of them by default); old pods go away as soon as new ones are ready; faults apply to
 * pods created after they are set.
 */
public final class DeploymentController implements AutoCloseable {

    static final String REVISION = "deployment.kubernetes.io/revision";

    private final KubernetesClient client;
    private final String namespace;
    private final ReplicaSets replicaSets;
    private volatile FakePods.Fault fault = FakePods.Fault.NONE;
    private volatile boolean deadlineExceeded;
    private volatile int podsPerStep;
    private final Object reconcileLock = new Object();
    private final ReconcileLoop loop;

    public DeploymentController(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.loop = new ReconcileLoop("test-deployment-controller-" + namespace, this::reconcileOnce);
        this.replicaSets = new ReplicaSets(client, namespace);
    }

    /** Reconciles every ~100 ms in the background until {@link #close()}. */
    public DeploymentController start() {
        loop.start();
        return this;
    }

    /** Pods created from now on wait with this container reason ("ImagePullBackOff", "CrashLoopBackOff", ...). */
    public DeploymentController failPodsWith(String reason) {
        fault = new FakePods.Fault(reason, false);
        return this;
    }

    /** Pods created from now on run but never pass their readiness probe. */
    public DeploymentController neverReady() {
        fault = new FakePods.Fault(null, true);
        return this;
    }

    /** Incomplete rollouts report Progressing=False/ProgressDeadlineExceeded, as after progressDeadlineSeconds. */
    public DeploymentController progressDeadlineExceeded() {
        deadlineExceeded = true;
        return this;
    }

    /** Clears all faults (pods created from now on are ready). */
    public DeploymentController heal() {
        fault = FakePods.Fault.NONE;
        deadlineExceeded = false;
        return this;
    }

    /** Slows rollouts down: the new ReplicaSet gains at most {@code pods} pods per reconcile (0 = all at once). */
    public DeploymentController podsPerStep(int pods) {
        podsPerStep = pods;
        return this;
    }

    /** The last error of the background loop, so a test can tell "controller broken" from "rollout stuck". */
    public RuntimeException lastError() {
        return loop.lastError();
    }

    public void reconcileOnce() {
        synchronized (reconcileLock) {
            for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
                reconcile(d);
            }
        }
    }

    private void reconcile(Deployment d) {
        List<ReplicaSet> owned = replicaSets.ownedBy(d);
        ReplicaSet current = replicaSets.currentFor(d, owned);
        owned = replicaSets.ownedBy(d);
        String revision = current.getMetadata().getAnnotations().get(REVISION);
        if (!revision.equals(annotations(d).get(REVISION))) {
            patch(d, Map.of("metadata", Map.of("annotations", Map.of(REVISION, revision))), false);
        }
        int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        int step = podsPerStep;
        int currentTarget = step == 0 ? desired : Math.min(desired, ReplicaSets.replicas(current) + step);
        List<Pod> newPods = replicaSets.scale(current, currentTarget, fault);
        int newReady = (int) newPods.stream().filter(FakePods::isReady).count();
        int oldAllowed = Math.max(0, desired - newReady);
        int total = newPods.size();
        int ready = newReady;
        // old ReplicaSets keep serving until the new pods are ready; the newest old one keeps them longest
        for (ReplicaSet old : owned.stream().filter(rs -> rs != current && !sameName(rs, current))
                .sorted(Comparator.comparingLong(ReplicaSets::revision).reversed()).toList()) {
            int target = Math.min(ReplicaSets.replicas(old), oldAllowed);
            oldAllowed -= target;
            List<Pod> pods = replicaSets.scale(old, target, fault);
            total += pods.size();
            ready += (int) pods.stream().filter(FakePods::isReady).count();
        }
        replicaSets.pruneHistory(d, current);
        writeStatus(d, current, desired, total, newPods.size(), ready);
    }

    private void writeStatus(Deployment d, ReplicaSet current, int desired, int total, int updated, int ready) {
        boolean complete = updated == desired && total == desired && ready >= desired;
        String rs = "ReplicaSet \"" + current.getMetadata().getName() + "\"";
        String[] progressing = complete ? new String[] {"True", "NewReplicaSetAvailable", rs + " has successfully progressed."}
                : deadlineExceeded ? new String[] {"False", "ProgressDeadlineExceeded", rs + " has timed out progressing."}
                : new String[] {"True", "ReplicaSetUpdated", rs + " is progressing."};
        String[] available = ready >= desired ? new String[] {"True", "MinimumReplicasAvailable", "Deployment has minimum availability."}
                : new String[] {"False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."};
        Map<String, Object> status = Map.of(
                "observedGeneration", d.getMetadata().getGeneration(),
                "replicas", total, "updatedReplicas", updated, "readyReplicas", ready, "availableReplicas", ready,
                "unavailableReplicas", Math.max(0, desired - ready),
                "conditions", List.of(condition(d, "Available", available), condition(d, "Progressing", progressing)));
        // write only on change, like the real controller: a quiet Deployment keeps its resourceVersion
        Map<?, ?> before = d.getStatus() == null ? Map.of() : Serialization.jsonMapper().convertValue(d.getStatus(), Map.class);
        Map<?, ?> after = Serialization.jsonMapper().convertValue(status, Map.class);
        if (!Serialization.jsonMapper().valueToTree(before).equals(Serialization.jsonMapper().valueToTree(after))) {
            patch(d, Map.of("status", status), true);
        }
    }

    /** Keeps the transition time of an unchanged condition, so an unchanged status compares equal. */
    private static Map<String, Object> condition(Deployment d, String type, String[] value) {
        String since = d.getStatus() == null || d.getStatus().getConditions() == null ? null : d.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && value[0].equals(c.getStatus()) && value[1].equals(c.getReason()))
                .map(c -> c.getLastTransitionTime()).findFirst().orElse(null);
        String now = since != null ? since : java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        return Map.of("type", type, "status", value[0], "reason", value[1], "message", value[2],
                "lastTransitionTime", now, "lastUpdateTime", now);
    }

    private void patch(Deployment d, Map<String, Object> mergePatch, boolean status) {
        var resource = client.apps().deployments().inNamespace(namespace).withName(d.getMetadata().getName());
        String json = Serialization.asJson(mergePatch);
        if (status) {
            resource.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), json);
        } else {
            resource.patch(PatchContext.of(PatchType.JSON_MERGE), json);
        }
    }

    private static boolean sameName(ReplicaSet a, ReplicaSet b) {
        return a.getMetadata().getName().equals(b.getMetadata().getName());
    }

    private static Map<String, String> annotations(Deployment d) {
        return d.getMetadata().getAnnotations() == null ? Map.of() : d.getMetadata().getAnnotations();
    }

    @Override
    public void close() {
        loop.close();
    }
}
