package dev.rollback.testsupport.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * KServe objects for tests: the InferenceService CRD (with its status subresource, so the mock server keeps spec
 * and status writes apart like a real API server) and an sklearn InferenceService. Not yet created.
 */
public final class InferenceServices {

    public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder().withGroup("serving.kserve.io")
            .withVersion("v1beta1").withKind("InferenceService").withPlural("inferenceservices").withNamespaced(true).build();

    private InferenceServices() {
    }

    /** Registers inferenceservices.serving.kserve.io with the mock server, once per server. */
    public static void installCrd(KubernetesClient client) {
        var crds = client.apiextensions().v1().customResourceDefinitions();
        if (crds.withName("inferenceservices.serving.kserve.io").get() == null) {
            crds.resource(new CustomResourceDefinitionBuilder()
                    .withNewMetadata().withName("inferenceservices.serving.kserve.io").endMetadata()
                    .withNewSpec().withGroup("serving.kserve.io").withScope("Namespaced")
                        .withNewNames().withKind("InferenceService").withListKind("InferenceServiceList").withPlural("inferenceservices")
                            .withSingular("inferenceservice").addToShortNames("isvc").endNames()
                        .addNewVersion().withName("v1beta1").withServed(true).withStorage(true)
                            .withNewSubresources().withNewStatus().endStatus().endSubresources()
                        .endVersion()
                    .endSpec().build()).create();
        }
    }

    /**
     * An sklearn InferenceService in the v0.8+ form ({@code spec.predictor.model}) or, with {@code legacy}, the
     * older one-of framework form ({@code spec.predictor.sklearn}).
     */
    public static GenericKubernetesResource sklearn(String namespace, String name, String storageUri, boolean legacy) {
        Map<String, Object> model = new LinkedHashMap<>();
        if (!legacy) {
            model.put("modelFormat", Map.of("name", "sklearn"));
        }
        model.put("storageUri", storageUri);
        model.put("resources", Map.of("requests", Map.of("cpu", "100m", "memory", "256Mi")));
        Map<String, Object> predictor = new LinkedHashMap<>();
        predictor.put(legacy ? "sklearn" : "model", model);
        GenericKubernetesResource isvc = new GenericKubernetesResource();
        isvc.setApiVersion("serving.kserve.io/v1beta1");
        isvc.setKind("InferenceService");
        isvc.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name)
                .addToLabels("app.kubernetes.io/part-of", "ml-serving").build());
        isvc.setAdditionalProperty("spec", Map.of("predictor", predictor));
        return isvc;
    }
}
