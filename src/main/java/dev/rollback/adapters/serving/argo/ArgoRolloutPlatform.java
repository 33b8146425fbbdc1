package dev.rollback.adapters.serving.argo;

import dev.rollback.adapters.serving.argo.RolloutRevisions.Entry;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation;
import dev.rollback.core.infra.ChangeContext;
import dev.rollback.core.infra.GitOps;
import dev.rollback.core.infra.InfraChange;
import dev.rollback.core.infra.ServingPlatform;
import dev.rollback.core.infra.ServingRevision;
import dev.rollback.core.infra.ServingState;
import dev.rollback.core.infra.UndoRequest;
import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.RolloutProgress;
import dev.rollback.core.serving.ServingBinding;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An Argo Rollouts {@code Rollout} (argoproj.io/v1alpha1): a Deployment-like pod template whose ReplicaSets
 * (owned by the Rollout, labelled {@code rollouts-pod-template-hash}, numbered by the
 * {@code rollout.argoproj.io/revision} annotation) are its history, with canary or blue-green updates on top.
 * What an undo does, abort mode vs undo mode, is explained in {@link RolloutUndoPlanner}.
 * <p>
 * The model reference ({@code rollback model}) is served by {@link #binding()}: ServingPlatform and
 * ServingBinding both declare a {@code read()} with different results, so one class cannot be both.
 */
public final class ArgoRolloutPlatform implements ServingPlatform {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final ModelReferenceLocation location;
    private final RolloutApi api;
    private final TemplateModelReference model;

    public ArgoRolloutPlatform(KubernetesClient client, String namespace, String name, ModelReferenceLocation location) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
        this.location = Objects.requireNonNull(location, "location");
        this.api = new RolloutApi(client, namespace, name);
        this.model = new TemplateModelReference(location);
    }

    /** The same Rollout as a {@link ServingBinding}, for {@code rollback model}. */
    public ServingBinding binding() {
        return new ArgoRolloutBinding(client, namespace, name, location);
    }

    @Override
    public String kind() {
        return "argo-rollout";
    }

    @Override
    public String describe() {
        return api.label();
    }

    @Override
    public ServingState read() {
        RolloutView rollout = api.read();
        RolloutRevisions revisions = new RolloutRevisions(api.replicaSets(rollout));
        PodTemplateSpec template = rollout.podTemplate();
        RolloutView.Phase phase = rollout.phase(revisions::numberOf);
        String revision = !rollout.revision().isEmpty() ? rollout.revision()
                : revisions.current(rollout).map(e -> String.valueOf(e.number())).orElse("");
        int ready = rollout.hasStatus() ? rollout.statusCount("readyReplicas") : -1;
        return new ServingState(kind(), describe(), revision, RolloutTemplates.images(template), model.find(template).orElse(""),
                rollout.replicas(), ready, phase.phase(), phase.detail(), GitOps.detect(rollout.labels(), rollout.annotations()));
    }

    /** The Rollout's ReplicaSets; the live one is the stable ReplicaSet (status.stableRS), which serves the traffic. */
    @Override
    public List<ServingRevision> history() {
        RolloutView rollout = api.read();
        String live = rollout.stableHash().isEmpty() ? rollout.currentHash() : rollout.stableHash();
        return new RolloutRevisions(api.replicaSets(rollout)).all().stream().map(entry -> {
            PodTemplateSpec template = RolloutTemplates.podTemplate(entry.template());
            String created = entry.rs().getMetadata().getCreationTimestamp();
            return new ServingRevision(entry.number(), created == null ? null : Instant.parse(created), RolloutTemplates.images(template),
                    model.find(template).orElse(""), entry.changeCause(), status(rollout, entry), entry.hash().equals(live));
        }).toList();
    }

    @Override
    public InfraChange planUndo(UndoRequest request) {
        RolloutView rollout = api.read();
        return planner().plan(rollout, new RolloutRevisions(api.replicaSets(rollout)), request);
    }

    @Override
    public String apply(Map<String, String> params, ChangeContext context) {
        return new RolloutTemplateWriter(api, kubectlTarget()).apply(params, context);
    }

    @Override
    public String revert(Map<String, String> params, ChangeContext context) {
        return new RolloutTemplateWriter(api, kubectlTarget()).revert(params, context);
    }

    @Override
    public RolloutOutcome awaitRollout(Duration timeout, Consumer<RolloutProgress> progress) {
        return new RolloutAwait(api).await(timeout, progress);
    }

    private RolloutUndoPlanner planner() {
        return new RolloutUndoPlanner(api.label(), kubectlTarget(), model);
    }

    /** "stable", "canary", "aborted canary", "preview" (blue-green) or "superseded". */
    private static String status(RolloutView rollout, Entry entry) {
        if (entry.hash().equals(rollout.stableHash())) {
            return "stable";
        }
        if (rollout.updating() && entry.hash().equals(rollout.currentHash())) {
            String update = "canary".equals(rollout.strategy()) ? "canary" : "preview";
            return rollout.aborted() ? "aborted " + update : update;
        }
        return "superseded";
    }

    private String kubectlTarget() {
        return name + " -n " + namespace;
    }
}
