package dev.rollback.testsupport.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test stand-in for the KServe controller and the Knative Serving under it (serverless mode); not the real
 * thing. Per InferenceService of one namespace: a new revision {@code <name>-predictor-0000N} for each new
 * predictor spec (canaryTrafficPercent aside, as it only routes), ready at once unless {@link #neverReady()};
 * traffic as KServe's ksvc reconciler asks (canaryTrafficPercent to the latest ready revision, the rest to
 * latestRolledoutRevision tagged "prev"); latestRolledoutRevision/previousRolledoutRevision moved as
 * PropagateStatus does; Ready and PredictorReady conditions. status.observedGeneration is the child Knative
 * Service's counter, not the InferenceService's generation, as KServe really does (kserve#6081).
 */
public final class KServeController implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, String> lastTemplate = new ConcurrentHashMap<>();
    private final Map<String, Integer> revisionCount = new ConcurrentHashMap<>();
    private final Map<String, Integer> childGeneration = new ConcurrentHashMap<>();
    private final Set<String> unready = ConcurrentHashMap.newKeySet();
    private final Object reconcileLock = new Object();
    private volatile boolean neverReady;
    private final ReconcileLoop loop;

    public KServeController(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.loop = new ReconcileLoop("test-kserve-controller-" + namespace, this::reconcileOnce);
    }

    public KServeController start() {
        loop.start();
        return this;
    }

    /** Revisions created from now on never become ready (their pod fails its readiness probe). */
    public KServeController neverReady() {
        neverReady = true;
        return this;
    }

    public void reconcileOnce() {
        synchronized (reconcileLock) {
            for (GenericKubernetesResource isvc : client.genericKubernetesResources(InferenceServices.CONTEXT).inNamespace(namespace).list().getItems()) {
                reconcile(isvc);
            }
        }
    }

    private void reconcile(GenericKubernetesResource isvc) {
        String name = isvc.getMetadata().getName();
        String uid = isvc.getMetadata().getUid();
        Map<String, Object> predictor = new LinkedHashMap<>(Objects.requireNonNull(isvc.get("spec", "predictor")));
        Object percent = predictor.remove("canaryTrafficPercent");
        Map<String, Object> before = Objects.requireNonNullElse(isvc.get("status", "components", "predictor"), Map.of());
        String created = text(before, "latestCreatedRevision");
        String ready = text(before, "latestReadyRevision");
        String rolled = text(before, "latestRolledoutRevision");
        String previous = text(before, "previousRolledoutRevision");
        // Knative makes a revision for every template change, even back to an earlier template
        String template = ArgoRollouts.JSON.asJson(predictor);
        if (!template.equals(lastTemplate.put(uid, template))) {
            created = String.format("%s-predictor-%05d", name, revisionCount.merge(uid, 1, Integer::sum));
            childGeneration.merge(uid, 1, Integer::sum);
            if (neverReady) {
                unready.add(created);
            }
        }
        if (!unready.contains(created)) {
            ready = created;
        } else {
            ensureUnreadyPod(name, created);
        }
        List<Map<String, Object>> traffic = new ArrayList<>();
        if (!ready.isEmpty()) {
            // ksvc_reconciler: canaryTrafficPercent to the latest ready revision, the rest to the last rolled-out one
            boolean canary = percent instanceof Number && !rolled.isEmpty();
            int latest = canary ? ((Number) percent).intValue() : 100;
            traffic.add(new LinkedHashMap<>(Map.of("latestRevision", true, "revisionName", ready, "percent", latest, "tag", "latest")));
            if (canary && latest < 100) {
                traffic.add(new LinkedHashMap<>(Map.of("latestRevision", false, "revisionName", rolled, "percent", 100 - latest, "tag", "prev")));
            }
        }
        if (!ArgoRolloutController.same(before.get("traffic"), traffic)) {
            childGeneration.merge(uid, 1, Integer::sum);
        }
        // PropagateStatus: the revision that gets 100% becomes latestRolledoutRevision; a full rollout put back to 0% is undone
        Map<String, Integer> perRevision = new HashMap<>();
        traffic.forEach(t -> perRevision.merge((String) t.get("revisionName"), (Integer) t.get("percent"), Integer::sum));
        for (Map<String, Object> t : traffic) {
            int p = (Integer) t.get("percent");
            if (!t.get("revisionName").equals(ready) || !Boolean.TRUE.equals(t.get("latestRevision"))) {
                continue;
            }
            if (!rolled.equals(ready) && p == 100) {
                previous = rolled;
                rolled = ready;
            } else if (rolled.equals(ready) && ready.equals(created) && p < 100 && perRevision.get(ready) == 100 && !previous.isEmpty()) {
                rolled = previous;
            }
        }
        Map<String, Object> component = new LinkedHashMap<>();
        component.put("latestCreatedRevision", created);
        component.put("latestReadyRevision", ready);
        component.put("latestRolledoutRevision", rolled);
        if (!previous.isEmpty()) {
            component.put("previousRolledoutRevision", previous);
        }
        component.put("traffic", traffic);
        boolean allReady = created.equals(ready);
        String waiting = "Configuration \"" + name + "-predictor\" is waiting for a Revision to become ready.";
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("observedGeneration", childGeneration.get(uid));
        status.put("url", "http://" + name + "." + namespace + ".example.com");
        status.put("components", Map.of("predictor", component));
        status.put("conditions", List.of(condition(isvc, "IngressReady", true, ""), condition(isvc, "PredictorReady", allReady, waiting),
                condition(isvc, "Ready", allReady, waiting)));
        if (!ArgoRolloutController.same(isvc.get("status"), status)) {
            client.genericKubernetesResources(InferenceServices.CONTEXT).inNamespace(namespace).withName(name).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON), ArgoRollouts.JSON.asJson(List.of(Map.of("op", "add", "path", "/status", "value", status))));
        }
    }

    /** Keeps the transition time of an unchanged condition, so a quiet InferenceService's status does not change. */
    private static Map<String, Object> condition(GenericKubernetesResource isvc, String type, boolean ok, String message) {
        String status = ok ? "True" : "Unknown";
        List<Map<String, Object>> old = Objects.requireNonNullElse(isvc.get("status", "conditions"), List.of());
        String since = old.stream().filter(c -> type.equals(c.get("type")) && status.equals(c.get("status")))
                .map(c -> String.valueOf(c.get("lastTransitionTime"))).findFirst()
                .orElse(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Map<String, Object> condition = new LinkedHashMap<>(Map.of("type", type, "status", status, "lastTransitionTime", since));
        if (!ok) {
            condition.put("reason", "RevisionMissing");
            condition.put("message", message);
        }
        return condition;
    }

    /** The pod Knative would run for an unready revision, labelled as KServe labels predictor pods. */
    private void ensureUnreadyPod(String isvc, String revision) {
        String podName = revision + "-deployment-7d4b9-x2k4p";
        if (client.pods().inNamespace(namespace).withName(podName).get() != null) {
            return;
        }
        Pod pod = client.resource(new PodBuilder().withNewMetadata().withNamespace(namespace).withName(podName)
                .addToLabels("serving.kserve.io/inferenceservice", isvc).addToLabels("serving.knative.dev/revision", revision).endMetadata()
                .withNewSpec().addNewContainer().withName("kserve-container").withImage("kserve/sklearnserver:v0.14.1").endContainer()
                    .addNewContainer().withName("queue-proxy").withImage("gcr.io/knative-releases/queue:v1.15").endContainer().endSpec()
                .build()).create();
        client.pods().resource(pod).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                ArgoRollouts.JSON.asJson(Map.of("status", FakePods.status(pod, new FakePods.Fault(null, true)))));
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? "" : String.valueOf(value);
    }

    @Override
    public void close() {
        loop.close();
    }
}
