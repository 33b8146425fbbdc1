package dev.rollback.adapters.serving.kubernetes;

import dev.rollback.core.Refusal;
import dev.rollback.core.infra.ChangeContext;
import dev.rollback.core.infra.GitOps;
import dev.rollback.core.infra.InfraChange;
import dev.rollback.core.infra.RolloutPhase;
import dev.rollback.core.infra.ServingPlatform;
import dev.rollback.core.infra.ServingRevision;
import dev.rollback.core.infra.ServingState;
import dev.rollback.core.infra.UndoRequest;
import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.RolloutProgress;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code kubectl rollout undo} for an apps/v1 Deployment, done like kubectl does it (copy an old
 * ReplicaSet's pod template into the Deployment), but with the ReplicaSet chosen by owner reference and
 * revision, any revision not just the previous one, and a conditional patch so a concurrent change is
 * refused instead of overwritten. The journal holds pod-template hashes, never templates (they may hold
 * secrets in env values).
 */
public final class DeploymentPlatform implements ServingPlatform {

    private static final String CLUSTER = "cluster";

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final ModelReferenceLocation location;
    private final DeploymentBinding binding;

    public DeploymentPlatform(KubernetesClient client, String namespace, String name, ModelReferenceLocation location) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.location = location;
        this.binding = new DeploymentBinding(client, namespace, name, location);
    }

    @Override
    public String kind() {
        return "deployment";
    }

    @Override
    public String describe() {
        return "Deployment " + namespace + "/" + name;
    }

    @Override
    public ServingState read() {
        Deployment d = fetch();
        RolloutProgress p = RolloutWaiter.progressOf(d);
        RolloutPhase phase = RolloutWaiter.isComplete(d) ? RolloutPhase.COMPLETE
                : RolloutWaiter.deadlineExceeded(d) != null ? RolloutPhase.STUCK : RolloutPhase.PROGRESSING;
        String detail = switch (phase) {
            case COMPLETE -> "";
            case STUCK -> "ProgressDeadlineExceeded: " + p.describe();
            default -> p.describe();
        };
        return new ServingState(kind(), describe(), DeploymentBinding.revision(d),
                ReplicaSetHistory.images(d.getSpec().getTemplate()), servedReference(d), p.desired(), p.ready(), phase,
                detail, GitOps.detect(d.getMetadata().getLabels(), d.getMetadata().getAnnotations()));
    }

    @Override
    public List<ServingRevision> history() {
        Deployment d = fetch();
        ReplicaSetHistory history = ReplicaSetHistory.of(client, d);
        // the controller numbers the live ReplicaSet like the Deployment; compare templates only when it has not yet
        String revision = DeploymentBinding.revision(d);
        Optional<ReplicaSet> live = history.replicaSets().stream()
                .filter(rs -> String.valueOf(ReplicaSetHistory.revision(rs)).equals(revision)).findFirst()
                .or(() -> history.current(d));
        return history.replicaSets().stream().map(rs -> new ServingRevision(ReplicaSetHistory.revision(rs),
                rs.getMetadata().getCreationTimestamp() == null ? null : Instant.parse(rs.getMetadata().getCreationTimestamp()),
                ReplicaSetHistory.images(rs.getSpec().getTemplate()),
                ReplicaSetHistory.modelReference(rs.getSpec().getTemplate(), location),
                ReplicaSetHistory.annotations(rs).getOrDefault(DeploymentBinding.CHANGE_CAUSE, ""), "",
                live.map(l -> l.getMetadata().getUid().equals(rs.getMetadata().getUid())).orElse(false))).toList();
    }

    @Override
    public InfraChange planUndo(UndoRequest request) {
        Deployment d = fetch();
        ReplicaSetHistory history = ReplicaSetHistory.of(client, d);
        ReplicaSet current = history.current(d).orElseThrow(() -> new Refusal(describe() + ": no ReplicaSet matches "
                + "its pod template yet (a rollout is just starting); wait a few seconds and retry"));
        List<ReplicaSet> older = history.replicaSets().stream().filter(rs -> rs != current).toList();
        if (older.isEmpty()) {
            Integer limit = d.getSpec().getRevisionHistoryLimit();
            throw new Refusal(describe() + " has no earlier revision to go back to: only revision "
                    + ReplicaSetHistory.revision(current) + " is kept" + (limit != null && limit == 0
                            ? " (revisionHistoryLimit: 0 deletes old ReplicaSets; set it to 10, the default, so undo "
                                    + "is possible next time)" : "")
                    + ". Redeploy the known-good image instead");
        }
        ReplicaSet target;
        if (request.toRevision().isPresent()) {
            long wanted = request.toRevision().getAsLong();
            target = history.byRevision(wanted).orElseThrow(() -> new Refusal(describe() + " has no revision " + wanted
                    + "; revisions kept: " + revisions(history) + " (live: " + ReplicaSetHistory.revision(current) + ")"));
            if (target == current) {
                throw new Refusal("revision " + wanted + " is already live on " + describe());
            }
        } else {
            target = older.get(older.size() - 1); // the revision live before the current one, as rollout undo
            String cause = ReplicaSetHistory.annotations(current).getOrDefault(DeploymentBinding.CHANGE_CAUSE, "");
            if (cause.startsWith("rollback ")) {
                // kubectl's trap: undoing an undo swaps back to the bad revision (kubernetes/website#26081)
                throw new Refusal("the live revision " + ReplicaSetHistory.revision(current) + " of " + describe()
                        + " is itself a rollback (" + cause + "); going back from it would restore revision "
                        + ReplicaSetHistory.revision(target) + ", the one it rolled back from. Pick the revision "
                        + "explicitly with --to-revision N (see 'rollback infra SERVICE --history')");
            }
        }
        List<String> notes = new ArrayList<>(List.of("undo restores the pod template only: replicas, autoscaling, "
                + "Services and ConfigMaps stay as they are",
                "revision " + ReplicaSetHistory.revision(target) + " comes back as a new revision number (as with "
                        + "kubectl rollout undo)"));
        if (location instanceof ModelReferenceLocation.ConfigMapKey k) {
            notes.add("the model reference lives in ConfigMap " + k.configMapName() + ", which undo does not change");
        }
        Map<String, String> params = Map.of("toRevision", String.valueOf(ReplicaSetHistory.revision(target)),
                "toHash", ReplicaSetHistory.hash(target), "fromRevision", String.valueOf(ReplicaSetHistory.revision(current)),
                "fromHash", ReplicaSetHistory.hash(current), CLUSTER, cluster());
        return new InfraChange("undo to revision " + ReplicaSetHistory.revision(target), content(current),
                content(target), ReplicaSetHistory.modelReference(target.getSpec().getTemplate(), location), params, notes);
    }

    @Override
    public String apply(Map<String, String> params, ChangeContext context) {
        requireSameCluster(params);
        return rollTo(params.get("toHash"), params.get("toRevision"), params.get("fromHash"), context.changeCause());
    }

    @Override
    public String revert(Map<String, String> params, ChangeContext context) {
        requireSameCluster(params);
        return rollTo(params.get("fromHash"), params.get("fromRevision"), params.get("toHash"), context.changeCause());
    }

    @Override
    public RolloutOutcome awaitRollout(Duration timeout, Consumer<RolloutProgress> progress) {
        return new RolloutWaiter(client, namespace, name).await(timeout, progress);
    }

    /**
     * Puts the template of the ReplicaSet with {@code wantedHash} into the Deployment, but only while the
     * Deployment still runs {@code expectedHash}. Status writes bump resourceVersion all the time, so a 409
     * is retried (like client-go's RetryOnConflict) as long as the template is still the expected one.
     */
    private String rollTo(String wantedHash, String wantedRevision, String expectedHash, String changeCause) {
        for (int attempt = 1; ; attempt++) {
            Deployment d = fetch();
            ReplicaSetHistory history = ReplicaSetHistory.of(client, d);
            Optional<ReplicaSet> current = history.current(d);
            if (current.isPresent() && ReplicaSetHistory.hash(current.get()).equals(wantedHash)) {
                return "already at the template of revision " + wantedRevision; // repeated after a crash
            }
            if (current.isEmpty() || !ReplicaSetHistory.hash(current.get()).equals(expectedHash)) {
                throw new ServingException(Kind.CONFLICT, describe() + " no longer runs the planned template ("
                        + expectedHash + "): someone else changed it; nothing was overwritten");
            }
            ReplicaSet wanted = history.byHash(wantedHash).orElseThrow(() -> new ServingException(Kind.NOT_FOUND,
                    "the ReplicaSet of revision " + wantedRevision + " (pod-template-hash " + wantedHash + ") of "
                            + describe() + " no longer exists (pruned by revisionHistoryLimit?)"));
            JsonPatch patch = new JsonPatch().requireResourceVersion(d.getMetadata().getResourceVersion())
                    .op("replace", "/spec/template", history.templateWithoutHash(wanted))
                    .putInMap("/metadata/annotations", d.getMetadata().getAnnotations(), DeploymentBinding.CHANGE_CAUSE,
                            changeCause);
            try {
                deployment().patch(PatchContext.of(PatchType.JSON), patch.toJson());
                return "template of revision " + wantedRevision + " (pod-template-hash " + wantedHash + ") applied";
            } catch (KubernetesClientException e) {
                ServingException failure = KubernetesErrors.classify(describe(), "update", e);
                if (failure.kind() != Kind.CONFLICT || attempt >= 5) {
                    throw failure;
                }
            }
        }
    }

    /**
     * A resume or abort runs with whatever context is current: a same-named Deployment in another cluster must
     * not be changed by this journal. (Journals from before the check carry no cluster and are not checked.)
     */
    private void requireSameCluster(Map<String, String> params) {
        String planned = params.get(CLUSTER);
        if (planned != null && !planned.equals(cluster())) {
            throw new ServingException(Kind.REJECTED, "this rollback was planned against the cluster at " + planned
                    + ", but the current Kubernetes context points at " + cluster() + "; rerun with --context naming "
                    + "that cluster; nothing was changed");
        }
    }

    /**
     * What the Deployment serves; "" when its template does not say (status and planning must still work for a
     * release that dropped the env var). A ConfigMap reference is read from the ConfigMap.
     */
    private String servedReference(Deployment d) {
        return location instanceof ModelReferenceLocation.ConfigMapKey ? binding.snapshot(d).modelReference()
                : ReplicaSetHistory.modelReference(d.getSpec().getTemplate(), location);
    }

    private String cluster() {
        return String.valueOf(client.getMasterUrl());
    }

    /** "revision 7: model-server:2.4.1, model models:/recsys/7": what a revision number stands for. */
    private String content(ReplicaSet rs) {
        String ref = ReplicaSetHistory.modelReference(rs.getSpec().getTemplate(), location);
        return "revision " + ReplicaSetHistory.revision(rs) + ": " + String.join(", ", ReplicaSetHistory.images(
                rs.getSpec().getTemplate())) + (ref.isEmpty() ? "" : ", model " + ref);
    }

    private static String revisions(ReplicaSetHistory history) {
        return String.join(", ", history.replicaSets().stream().map(rs -> String.valueOf(ReplicaSetHistory.revision(rs))).toList());
    }

    private Deployment fetch() {
        return binding.fetchDeployment();
    }

    private Resource<Deployment> deployment() {
        return client.apps().deployments().inNamespace(namespace).withName(name);
    }
}
