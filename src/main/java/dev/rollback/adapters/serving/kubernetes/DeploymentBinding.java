package dev.rollback.adapters.serving.kubernetes;

import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.ConfigMapKey;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.ContainerEnv;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation.PodAnnotation;
import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.RolloutProgress;
import dev.rollback.core.serving.ServingBinding;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;
import dev.rollback.core.serving.ServingSnapshot;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The model reference of an apps/v1 Deployment: a container env var, a pod-template annotation, or a
 * ConfigMap key (then a change also restarts the Deployment, like {@code kubectl rollout restart}).
 * <p>
 * {@link ServingSnapshot#resourceVersion()} is the resourceVersion of the object that holds the value:
 * the Deployment, or the ConfigMap for {@link ConfigMapKey}. Writes are JSON Patches that carry that
 * resourceVersion, so the API server refuses them with 409 when the object changed since it was read.
 */
public final class DeploymentBinding implements ServingBinding {

    static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    private static final String TEMPLATE_ANNOTATIONS = "/spec/template/metadata/annotations";

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final ModelReferenceLocation location;
    private final Clock clock;
    private final ModelReferenceReader reader;

    public DeploymentBinding(KubernetesClient client, String namespace, String deploymentName, ModelReferenceLocation location) {
        this(client, namespace, deploymentName, location, Clock.systemUTC());
    }

    DeploymentBinding(KubernetesClient client, String namespace, String deploymentName, ModelReferenceLocation location, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(deploymentName, "deploymentName");
        this.location = Objects.requireNonNull(location, "location");
        this.clock = clock;
        this.reader = new ModelReferenceReader(namespace, deploymentName, location);
    }

    @Override
    public String describe() {
        if (location instanceof ContainerEnv e) {
            return deploymentLabel() + " container " + e.container() + " env " + e.envVar();
        }
        if (location instanceof PodAnnotation a) {
            return deploymentLabel() + " pod annotation " + a.key();
        }
        ConfigMapKey k = (ConfigMapKey) location;
        return reader.configMapLabel(k) + " key " + k.key() + " (restarts " + deploymentLabel() + ")";
    }

    @Override
    public ServingSnapshot read() {
        return snapshot(fetchDeployment());
    }

    /** The Deployment as it is now; NOT_FOUND when it is missing. */
    Deployment fetchDeployment() {
        return fetch(deployment(), deploymentLabel());
    }

    /** The reference a fetched Deployment serves: from its template, or from the ConfigMap it reads. */
    ServingSnapshot snapshot(Deployment deployment) {
        ConfigMap configMap = location instanceof ConfigMapKey k ? fetchConfigMap(k) : null;
        return reader.snapshot(deployment, configMap);
    }

    /** deployment.kubernetes.io/revision, "" before the controller has numbered it. */
    static String revision(Deployment d) {
        Map<String, String> annotations = d.getMetadata().getAnnotations();
        return annotations == null ? "" : annotations.getOrDefault(REVISION, "");
    }

    @Override
    public ServingSnapshot setModelReference(ServingSnapshot expected, String newReference, String changeCause) {
        Deployment deployment = fetch(deployment(), deploymentLabel());
        if (location instanceof ConfigMapKey k) {
            ConfigMap written = writeConfigMap(k, expected, newReference, changeCause);
            return reader.snapshot(restart(deployment, changeCause, written), written);
        }
        JsonPatch patch = new JsonPatch().requireResourceVersion(expected.resourceVersion());
        if (location instanceof ContainerEnv e) {
            int[] at = reader.envIndex(deployment, e);
            patch.op("replace", JsonPatch.pointer("spec", "template", "spec", "containers", at[0], "env", at[1], "value"), newReference);
        } else {
            patch.putInMap(TEMPLATE_ANNOTATIONS, deployment.getSpec().getTemplate().getMetadata().getAnnotations(),
                    ((PodAnnotation) location).key(), newReference);
        }
        patch.putInMap("/metadata/annotations", deployment.getMetadata().getAnnotations(), CHANGE_CAUSE, changeCause);
        Deployment written = conditionalPatch(deployment(), deploymentLabel(), expected.resourceVersion(), patch);
        return reader.snapshot(written, null);
    }

    @Override
    public RolloutOutcome awaitRollout(Duration timeout, Consumer<RolloutProgress> progress) {
        return new RolloutWaiter(client, namespace, name).await(timeout, progress);
    }

    private ConfigMap writeConfigMap(ConfigMapKey k, ServingSnapshot expected, String newReference, String changeCause) {
        ConfigMap configMap = fetchConfigMap(k);
        reader.configMapValue(configMap, k);
        JsonPatch patch = new JsonPatch().requireResourceVersion(expected.resourceVersion())
                .op("replace", JsonPatch.pointer("data", k.key()), newReference)
                .putInMap("/metadata/annotations", configMap.getMetadata().getAnnotations(), CHANGE_CAUSE, changeCause);
        return conditionalPatch(configMap(k), reader.configMapLabel(k), expected.resourceVersion(), patch);
    }

    /** Same annotation as {@code kubectl rollout restart}: a template change, hence a new ReplicaSet. */
    private Deployment restart(Deployment deployment, String changeCause, ConfigMap written) {
        var templateAnnotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        if (templateAnnotations != null && now.equals(templateAnnotations.get(RESTARTED_AT))) {
            // two restarts within a second would leave the template unchanged and roll nothing
            now = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
        }
        JsonPatch patch = new JsonPatch().putInMap(TEMPLATE_ANNOTATIONS, templateAnnotations, RESTARTED_AT, now)
                .putInMap("/metadata/annotations", deployment.getMetadata().getAnnotations(), CHANGE_CAUSE, changeCause);
        try {
            return deployment().patch(PatchContext.of(PatchType.JSON), patch.toJson());
        } catch (KubernetesClientException e) {
            ServingException cause = KubernetesErrors.classify(deploymentLabel(), "restart", e);
            // Never CONFLICT here: that kind means "nothing was written" and is retried, but the ConfigMap
            // already holds the new value, so a retry would see it and wrongly call the step done.
            Kind kind = cause.kind() == Kind.CONFLICT ? Kind.REJECTED : cause.kind();
            throw new ServingException(kind, reader.configMapLabel((ConfigMapKey) location) + " now holds the new value (resourceVersion "
                    + written.getMetadata().getResourceVersion() + "), but restarting " + deploymentLabel()
                    + " failed, so pods still serve the old one: " + cause.getMessage(), e);
        }
    }

    private <T extends HasMetadata> T conditionalPatch(Resource<T> resource, String label, String expectedVersion, JsonPatch patch) {
        try {
            return resource.patch(PatchContext.of(PatchType.JSON), patch.toJson());
        } catch (KubernetesClientException e) {
            // 409 is the resourceVersion precondition; 400/422 may be a path that moved under a concurrent edit
            if (e.getCode() == 409 || e.getCode() == 400 || e.getCode() == 422) {
                String current = currentVersion(resource);
                if (e.getCode() == 409 || (current != null && !current.equals(expectedVersion))) {
                    throw new ServingException(Kind.CONFLICT, label + " changed since it was read (resourceVersion "
                            + expectedVersion + " → " + (current == null ? "deleted" : current) + "); nothing was overwritten", e);
                }
            }
            throw KubernetesErrors.classify(label, "update", e);
        }
    }

    private static String currentVersion(Resource<? extends HasMetadata> resource) {
        try {
            HasMetadata now = resource.get();
            return now == null ? null : now.getMetadata().getResourceVersion();
        } catch (KubernetesClientException ignored) {
            return "unknown";
        }
    }

    private <T> T fetch(Resource<T> resource, String label) {
        try {
            T item = resource.get();
            if (item == null) {
                throw new ServingException(Kind.NOT_FOUND, label + " not found");
            }
            return item;
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.classify(label, "read", e);
        }
    }

    private ConfigMap fetchConfigMap(ConfigMapKey k) {
        return fetch(configMap(k), reader.configMapLabel(k));
    }

    private Resource<Deployment> deployment() {
        return client.apps().deployments().inNamespace(namespace).withName(name);
    }

    private Resource<ConfigMap> configMap(ConfigMapKey k) {
        return client.configMaps().inNamespace(namespace).withName(k.configMapName());
    }

    private String deploymentLabel() {
        return "Deployment " + namespace + "/" + name;
    }
}
