package dev.rollback.adapters.serving.kubernetes;

import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * One custom resource (an Argo Rollout, a KServe InferenceService) read and written as a generic resource:
 * failures classified and naming the object, writes conditional on the resourceVersion that was read.
 */
public final class CustomResource {

    private final KubernetesClient client;
    private final ResourceDefinitionContext type;
    private final String namespace;
    private final String name;

    public CustomResource(KubernetesClient client, ResourceDefinitionContext type, String namespace, String name) {
        this.client = client;
        this.type = type;
        this.namespace = namespace;
        this.name = name;
    }

    /** "Rollout ml/model-server". */
    public String label() {
        return type.getKind() + " " + namespace + "/" + name;
    }

    public GenericKubernetesResource read() {
        try {
            GenericKubernetesResource found = resource().get();
            if (found == null) {
                throw new ServingException(Kind.NOT_FOUND, label() + " not found");
            }
            return found;
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.classify(label(), "read", e);
        }
    }

    /** A JSON Patch carrying {@code expectedVersion}: the API server answers 409 when the object changed since. */
    public GenericKubernetesResource patch(JsonPatch patch, String expectedVersion) {
        try {
            return resource().patch(PatchContext.of(PatchType.JSON), patch.toJson());
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

    public Resource<GenericKubernetesResource> resource() {
        return client.genericKubernetesResources(type).inNamespace(namespace).withName(name);
    }

    private String currentVersion() {
        try {
            GenericKubernetesResource now = resource().get();
            return now == null ? "deleted" : now.getMetadata().getResourceVersion();
        } catch (KubernetesClientException ignored) {
            return "unknown";
        }
    }
}
