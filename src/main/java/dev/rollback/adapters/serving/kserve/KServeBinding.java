package dev.rollback.adapters.serving.kserve;

import dev.rollback.adapters.serving.kubernetes.JsonPatch;
import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.RolloutProgress;
import dev.rollback.core.serving.ServingBinding;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;
import dev.rollback.core.serving.ServingSnapshot;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The model an InferenceService serves: spec.predictor.model.storageUri, or the storageUri of an older
 * one-of framework field (spec.predictor.sklearn, ...). Changing it makes KServe create a new revision; if
 * spec.predictor.canaryTrafficPercent is set, that revision gets only that share of the traffic, as any update.
 */
public final class KServeBinding implements ServingBinding {

    private final InferenceServiceApi api;
    /** The latest created revision when the storageUri last changed: {@link #awaitRollout} waits for a newer one. */
    private volatile String replacedRevision = "";

    public KServeBinding(KubernetesClient client, String namespace, String name) {
        this.api = new InferenceServiceApi(Objects.requireNonNull(client, "client"), Objects.requireNonNull(namespace, "namespace"),
                Objects.requireNonNull(name, "name"));
    }

    @Override
    public String describe() {
        return api.label() + " storageUri";
    }

    @Override
    public ServingSnapshot read() {
        return snapshot(api.read());
    }

    /** A JSON Patch that carries {@code expected.resourceVersion()}: CONFLICT when the object changed since it was read. */
    @Override
    public ServingSnapshot setModelReference(ServingSnapshot expected, String newReference, String changeCause) {
        InferenceServiceView isvc = api.read();
        String field = isvc.modelField().orElseThrow(this::noStorageUri);
        JsonPatch patch = new JsonPatch().requireResourceVersion(expected.resourceVersion())
                .op("replace", JsonPatch.pointer("spec", "predictor", field, "storageUri"), newReference)
                .putInMap("/metadata/annotations", isvc.annotations().isEmpty() ? null : isvc.annotations(),
                        InferenceServiceApi.CHANGE_CAUSE, changeCause);
        InferenceServiceView written = api.patch(patch, expected.resourceVersion());
        // the same storageUri again changes no spec, so no new revision will come to wait for
        replacedRevision = newReference.equals(isvc.storageUri().orElse(null)) ? "" : isvc.predictorStatus("latestCreatedRevision");
        return snapshot(written);
    }

    @Override
    public RolloutOutcome awaitRollout(Duration timeout, Consumer<RolloutProgress> progress) {
        return new KServeAwait(api).await(timeout, progress, replacedRevision);
    }

    private ServingSnapshot snapshot(InferenceServiceView isvc) {
        String revision = isvc.predictorStatus("latestRolledoutRevision");
        return new ServingSnapshot(isvc.storageUri().orElseThrow(this::noStorageUri), isvc.resourceVersion(), isvc.generation(),
                revision.isEmpty() ? isvc.predictorStatus("latestReadyRevision") : revision);
    }

    private ServingException noStorageUri() {
        return new ServingException(Kind.NOT_FOUND, api.label() + " has no storageUri in spec.predictor."
                + String.join(", spec.predictor.", InferenceServiceView.MODEL_FIELDS) + " (custom containers are not supported)");
    }
}
