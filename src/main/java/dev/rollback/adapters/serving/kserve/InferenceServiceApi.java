package dev.rollback.adapters.serving.kserve;

import dev.rollback.adapters.serving.kubernetes.CustomResource;
import dev.rollback.adapters.serving.kubernetes.JsonPatch;
import dev.rollback.adapters.serving.kubernetes.KubernetesErrors;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
    private final CustomResource object;

    InferenceServiceApi(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.object = new CustomResource(client, ISVCS, namespace, name);
    }

    String label() {
        return object.label();
    }

    InferenceServiceView read() {
        return new InferenceServiceView(object.read());
    }

    /** A JSON Patch carrying {@code expectedVersion}: the API server answers 409 when the object changed since. */
    InferenceServiceView patch(JsonPatch patch, String expectedVersion) {
        return new InferenceServiceView(object.patch(patch, expectedVersion));
    }

    List<Pod> pods() {
        try {
            return client.pods().inNamespace(namespace).withLabel(POD_LABEL, name).list().getItems();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.classify("pods of " + label(), "list", e);
        }
    }
}
