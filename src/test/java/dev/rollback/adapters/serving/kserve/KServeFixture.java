package dev.rollback.adapters.serving.kserve;

import dev.rollback.core.infra.ChangeContext;
import dev.rollback.testsupport.kubernetes.InferenceServices;
import dev.rollback.testsupport.kubernetes.KServeController;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** One sklearn InferenceService "fraud" per test namespace, settled by the test stand-in controller. */
final class KServeFixture {

    static final String NAME = "fraud";

    final KubernetesClient client;
    final String namespace;
    final KServeController controller;
    final KServePlatform platform;
    final KServeBinding binding;
    final List<String> progress = new CopyOnWriteArrayList<>();

    private KServeFixture(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.controller = new KServeController(client, namespace);
        this.platform = new KServePlatform(client, namespace, NAME);
        this.binding = new KServeBinding(client, namespace, NAME);
    }

    /** Serving s3://models/fraud/7 at revision fraud-predictor-00001. */
    static KServeFixture rolledOut(KubernetesClient client, String namespace, boolean legacy, Map<String, String> labels) {
        InferenceServices.installCrd(client);
        GenericKubernetesResource isvc = InferenceServices.sklearn(namespace, NAME, "s3://models/fraud/7", legacy);
        isvc.getMetadata().getLabels().putAll(labels);
        client.genericKubernetesResources(InferenceServices.CONTEXT).inNamespace(namespace).resource(isvc).create();
        KServeFixture fixture = new KServeFixture(client, namespace);
        fixture.settle();
        return fixture;
    }

    /** What a canary release looks like in git: a new storageUri with canaryTrafficPercent. */
    KServeFixture canary(String storageUri, int percent) {
        client.genericKubernetesResources(InferenceServices.CONTEXT).inNamespace(namespace).withName(NAME).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"kubernetes.io/change-cause\":\"canary " + storageUri + "\"}},"
                        + "\"spec\":{\"predictor\":{\"canaryTrafficPercent\":" + percent + ",\"model\":{\"storageUri\":\"" + storageUri + "\"}}}}");
        settle();
        return this;
    }

    void settle() {
        for (int i = 0; i < 4; i++) {
            controller.reconcileOnce();
        }
    }

    GenericKubernetesResource isvc() {
        return client.genericKubernetesResources(InferenceServices.CONTEXT).inNamespace(namespace).withName(NAME).get();
    }

    ChangeContext context(String cause) {
        return new ChangeContext(cause, Duration.ofSeconds(30), progress::add);
    }
}
