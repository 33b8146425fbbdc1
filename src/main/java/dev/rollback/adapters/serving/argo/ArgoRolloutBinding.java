package dev.rollback.adapters.serving.argo;

import dev.rollback.adapters.serving.kubernetes.JsonPatch;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation;
import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.RolloutProgress;
import dev.rollback.core.serving.ServingBinding;
import dev.rollback.core.serving.ServingSnapshot;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The model reference in an Argo Rollout's pod template (a container env var or a pod annotation), like
 * DeploymentBinding for a Deployment. Changing it changes spec.template, so Argo rolls it out with the
 * Rollout's own strategy: a canary with pause steps waits for a promotion before {@link #awaitRollout} ends.
 * A ConfigMap location is REJECTED (it would need a restart via spec.restartAt; not built yet).
 */
public final class ArgoRolloutBinding implements ServingBinding {

    private final RolloutApi api;
    private final TemplateModelReference model;

    public ArgoRolloutBinding(KubernetesClient client, String namespace, String name, ModelReferenceLocation location) {
        this.api = new RolloutApi(Objects.requireNonNull(client, "client"), Objects.requireNonNull(namespace, "namespace"),
                Objects.requireNonNull(name, "name"));
        this.model = new TemplateModelReference(location);
    }

    @Override
    public String describe() {
        return api.label() + " " + model.describe();
    }

    @Override
    public ServingSnapshot read() {
        return snapshot(api.read());
    }

    /** A JSON Patch that carries {@code expected.resourceVersion()}: CONFLICT when the Rollout changed since it was read. */
    @Override
    public ServingSnapshot setModelReference(ServingSnapshot expected, String newReference, String changeCause) {
        RolloutView rollout = api.read();
        JsonPatch patch = new JsonPatch().requireResourceVersion(expected.resourceVersion());
        model.write(patch, rollout.podTemplate(), api.label(), newReference);
        patch.putInMap("/metadata/annotations", rollout.annotations().isEmpty() ? null : rollout.annotations(),
                RolloutApi.CHANGE_CAUSE, changeCause);
        return snapshot(api.patch(patch, expected.resourceVersion()));
    }

    @Override
    public RolloutOutcome awaitRollout(Duration timeout, Consumer<RolloutProgress> progress) {
        return new RolloutAwait(api).await(timeout, progress);
    }

    private ServingSnapshot snapshot(RolloutView rollout) {
        return new ServingSnapshot(model.read(rollout.podTemplate(), api.label()), rollout.resourceVersion(),
                rollout.generation(), rollout.revision());
    }
}
