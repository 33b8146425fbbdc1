package dev.rollback.testsupport.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Argo Rollouts objects for tests: the Rollout CRD (with its status subresource, so the mock server keeps
 * spec and status writes apart like a real API server) and a model server Rollout. Not yet created.
 */
public final class ArgoRollouts {

    public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder().withGroup("argoproj.io")
            .withVersion("v1alpha1").withKind("Rollout").withPlural("rollouts").withNamespaced(true).build();
    static final KubernetesSerialization JSON = new KubernetesSerialization();

    private ArgoRollouts() {
    }

    /** Registers rollouts.argoproj.io with the mock server, once per server. */
    public static void installCrd(KubernetesClient client) {
        var crds = client.apiextensions().v1().customResourceDefinitions();
        if (crds.withName("rollouts.argoproj.io").get() == null) {
            crds.resource(new CustomResourceDefinitionBuilder()
                    .withNewMetadata().withName("rollouts.argoproj.io").endMetadata()
                    .withNewSpec().withGroup("argoproj.io").withScope("Namespaced")
                        .withNewNames().withKind("Rollout").withListKind("RolloutList").withPlural("rollouts").withSingular("rollout").endNames()
                        .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true)
                            .withNewSubresources().withNewStatus().endStatus().endSubresources()
                        .endVersion()
                    .endSpec().build()).create();
        }
    }

    /**
     * A canary Rollout whose container {@code server} serves env {@code MODEL_URI=modelUri}; the pod template is
     * the one {@link Deployments#modelServer} uses. {@code steps} as in spec.strategy.canary.steps, e.g.
     * {@code Map.of("setWeight", 20)}, {@code Map.of("pause", Map.of())}.
     */
    public static GenericKubernetesResource modelServer(String namespace, String name, String modelUri, int replicas, List<Map<String, Object>> steps) {
        Deployment like = Deployments.modelServer(namespace, name, "server", modelUri, replicas);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", replicas);
        spec.put("revisionHistoryLimit", 10);
        spec.put("selector", JSON.convertValue(like.getSpec().getSelector(), Map.class));
        spec.put("template", JSON.convertValue(like.getSpec().getTemplate(), Map.class));
        spec.put("strategy", Map.of("canary", Map.of("steps", steps)));
        GenericKubernetesResource rollout = new GenericKubernetesResource();
        rollout.setApiVersion("argoproj.io/v1alpha1");
        rollout.setKind("Rollout");
        rollout.setMetadata(new ObjectMetaBuilder(like.getMetadata()).build());
        rollout.setAdditionalProperty("spec", spec);
        return rollout;
    }

    public static List<Map<String, Object>> steps(Object... setWeightOrPause) {
        return java.util.Arrays.stream(setWeightOrPause)
                .map(s -> s instanceof Integer w ? Map.<String, Object>of("setWeight", w) : Map.<String, Object>of("pause", Map.of()))
                .toList();
    }
}
