package dev.rollback.adapters.serving.argo;

import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.ContainerEnv;
import dev.rollback.core.infra.ChangeContext;
import dev.rollback.testsupport.kubernetes.ArgoRolloutController;
import dev.rollback.testsupport.kubernetes.ArgoRollouts;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** One model-server Rollout per test namespace, settled by the test stand-in controller. */
final class ArgoFixture {

    static final String NAME = "model-server";
    static final ContainerEnv MODEL_ENV = new ContainerEnv("server", "MODEL_URI");

    final KubernetesClient client;
    final String namespace;
    final ArgoRolloutController controller;
    final ArgoRolloutPlatform platform;
    final ArgoRolloutBinding binding;
    final List<String> progress = new CopyOnWriteArrayList<>();

    private ArgoFixture(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.controller = new ArgoRolloutController(client, namespace);
        this.platform = new ArgoRolloutPlatform(client, namespace, NAME, MODEL_ENV);
        this.binding = new ArgoRolloutBinding(client, namespace, NAME, MODEL_ENV);
    }

    /** A Rollout of 5 replicas serving models:/fraud/7, rolled out (revision 1, stable). */
    static ArgoFixture rolledOut(KubernetesClient client, String namespace, List<Map<String, Object>> steps, Map<String, String> labels) {
        ArgoRollouts.installCrd(client);
        GenericKubernetesResource rollout = ArgoRollouts.modelServer(namespace, NAME, "models:/fraud/7", 5, steps);
        rollout.getMetadata().getLabels().putAll(labels);
        client.genericKubernetesResources(ArgoRollouts.CONTEXT).inNamespace(namespace).resource(rollout).create();
        ArgoFixture fixture = new ArgoFixture(client, namespace);
        fixture.settle();
        return fixture;
    }

    /** Releases a new model the way a deploy pipeline would: a spec.template change with its change cause. */
    ArgoFixture release(String modelUri) {
        binding.setModelReference(binding.read(), modelUri, "deploy " + modelUri);
        settle();
        return this;
    }

    /** Enough reconciles for every step that does not wait for a promotion. */
    void settle() {
        for (int i = 0; i < 6; i++) {
            controller.reconcileOnce();
        }
    }

    GenericKubernetesResource rollout() {
        return client.genericKubernetesResources(ArgoRollouts.CONTEXT).inNamespace(namespace).withName(NAME).get();
    }

    ChangeContext context(String cause) {
        return new ChangeContext(cause, Duration.ofSeconds(30), progress::add);
    }
}
