package dev.rollback.testsupport.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import java.util.Map;

/** Realistic objects for tests: what a model server's manifests usually look like. Not yet created. */
public final class Deployments {

    public static final String IMAGE = "registry.example.com/ml/model-server:1.4.2";

    private Deployments() {
    }

    /** A Deployment whose container {@code container} serves env {@code MODEL_URI=modelUri}. */
    public static Deployment modelServer(String namespace, String name, String container, String modelUri, int replicas) {
        Map<String, String> selector = Map.of("app.kubernetes.io/name", name);
        return new DeploymentBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name)
                    .addToLabels(selector).addToLabels("app.kubernetes.io/part-of", "ml-serving")
                    .addToAnnotations("team", "ml-platform")
                .endMetadata()
                .withNewSpec().withReplicas(replicas)
                    .withNewSelector().addToMatchLabels(selector).endSelector()
                    .withNewTemplate()
                        .withNewMetadata().addToLabels(selector).addToAnnotations("prometheus.io/scrape", "true").endMetadata()
                        .withNewSpec()
                            .addNewContainer().withName(container).withImage(IMAGE)
                                .addNewEnv().withName("LOG_LEVEL").withValue("info").endEnv()
                                .addNewEnv().withName("MODEL_URI").withValue(modelUri).endEnv()
                                .addNewPort().withName("http").withContainerPort(8080).endPort()
                                .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort("http").endHttpGet().endReadinessProbe()
                            .endContainer()
                            .addNewContainer().withName("sidecar").withImage("registry.example.com/ml/metrics-agent:0.9").endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    public static ConfigMap configMap(String namespace, String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withData(data).build();
    }
}
