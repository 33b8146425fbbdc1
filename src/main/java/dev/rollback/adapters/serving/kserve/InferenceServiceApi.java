package dev.rollback.adapters.serving.kserve;

import dev.rollback.adapters.serving.kubernetes.JsonPatch;
import dev.rollback.adapters.serving.kubernetes.KubernetesErrors;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.List;

/** Reads and writes one serving.kserve.io/v1beta1 InferenceService; every failure names it. */
final class InferenceServiceApi {

    /** Spelled out so no API discovery request (and no discovery RBAC) is needed. */
    static final ResourceDefinitionContext ISVCS = new ResourceDefinitionContext.Builder().withGroup("serving.kserve.io")
            .withVersion("v1beta1").withKind("InferenceService").withPlural("inferenceservices").withNamespaced(true).build();
    static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
    /** KServe labels the predictor pods with the InferenceService's name (constants.InferenceServicePodLabelKey). */
    static final String POD_LABEL = "serving.kserve.io/inferenceservice";

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    InferenceServiceApi(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    String label() {
        return "InferenceService " + namespace + "/" + name;
    }

    InferenceServiceView read() {
        try {
            GenericKubernetesResource isvc = resource().get();
            if (isvc == null) {
                throw new ServingException(Kind.NOT_FOUND, label() + " not found");
            }
            return new InferenceServiceView(isvc);
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.classify(label(), "read", e);
        }
    }

    /** A JSON Patch carrying {@code expectedVersion}: the API server answers 409 when the object changed since. */
    InferenceServiceView patch(JsonPatch patch, String expectedVersion) {
        try {
            return new InferenceServiceView(resource().patch(PatchContext.of(PatchType.JSON), patch.toJson()));
        } catch (KubernetesClientException e) {
            // 409 is the resourceVersion precondition; 400/422 may be a path that moved under a concurrent edit
            String current = e.getCode() == 400 || e.getCode() == 422 ? currentVersion() : expectedVersion;
            if (e.getCode() == 409 || !expectedVersion.equals(current)) {
                throw new ServingException(Kind.CONFLICT, label() + " changed since it was read (resourceVersion "
                        + expectedVersion + (e.getCode() == 409 ? "" : " → " + current) + "); nothing was overwritten", e);
            }
            throw KubernetesErrors.classify(label(), "update", e);
        }
    }

    List<Pod> pods() {
        try {
            return client.pods().inNamespace(namespace).withLabel(POD_LABEL, name).list().getItems();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.classify("pods of " + label(), "list", e);
        }
    }

    private String currentVersion() {
        try {
            GenericKubernetesResource now = resource().get();
            return now == null ? "deleted" : now.getMetadata().getResourceVersion();
        } catch (KubernetesClientException ignored) {
            return "unknown";
        }
    }

    private Resource<GenericKubernetesResource> resource() {
        return client.genericKubernetesResources(ISVCS).inNamespace(namespace).withName(name);
    }
}
