package dev.rollback.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.testsupport.CliRunner;
import dev.rollback.testsupport.faults.FaultProxy;
import dev.rollback.testsupport.kubernetes.DeploymentController;
import dev.rollback.testsupport.kubernetes.Deployments;
import dev.rollback.testsupport.mlflow.MlflowSeeder;
import dev.rollback.testsupport.mlflow.MlflowServer;
import dev.rollback.testsupport.mlflow.RecsysScenario;
import dev.rollback.testsupport.s3.S3Server;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The 2 AM scenario on real components: a real MLflow server (through a fault-injecting proxy),
 * a real S3-compatible server (moto) that is MLflow's artifact store and holds every version's artifact
 * where its source says, and the fabric8 Kubernetes
 * mock API server in CRUD mode with the test Deployment controller standing in for
 * kube-controller-manager. Serving runs v7 ({@code models:/<model>/7}); v5 is the healthy baseline.
 */
public final class RollbackStack implements AutoCloseable {

    /** One namespace per stack, so each stack's test controller owns its Deployments alone. */
    public final String namespace;
    public final String model;
    public final RecsysScenario.Seeded seeded;
    public final String deployment;
    public final MlflowSeeder seeder;
    public final FaultProxy registryProxy;
    public final DeploymentController controller;
    public final KubernetesClient kubernetes;
    public final Path dir;
    private final Map<String, String> env = new HashMap<>();

    public RollbackStack(KubernetesClient kubernetes, Path dir, String name) throws IOException {
        this.kubernetes = kubernetes;
        this.dir = dir;
        MlflowServer mlflow = MlflowServer.shared();
        this.model = mlflow.freshModelName(name);
        this.deployment = "model-server";
        this.namespace = "ml-" + name;
        this.seeder = new MlflowSeeder(mlflow.uri());
        this.seeded = RecsysScenario.seed(seeder, model);
        this.registryProxy = new FaultProxy(URI.create(mlflow.uri()));

        S3Server s3 = S3Server.shared();
        for (int v = 1; v <= 7; v++) {
            uploadArtifact(String.valueOf(v), "weights of v" + v);
        }
        env.putAll(s3.env());

        if (kubernetes.namespaces().withName(namespace).get() == null) {
            kubernetes.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                    .withNewMetadata().withName(namespace).endMetadata().build()).create();
        }
        kubernetes.apps().deployments().inNamespace(namespace).resource(
                Deployments.modelServer(namespace, deployment, "server", reference("7"), 2)).create();
        this.controller = new DeploymentController(kubernetes, namespace).start();
        awaitRevision("1");

        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: tester
                  user:
                    token: test-token
                contexts:
                - name: mock
                  context: {cluster: mock, user: tester, namespace: %s}
                current-context: mock
                """.formatted(kubernetes.getMasterUrl(), namespace));
        Files.writeString(dir.resolve("rollback.yaml"), """
                registries:
                  default:
                    trackingUri: %s
                    timeout: 3s
                services:
                  recsys:
                    model:
                      name: %s
                      primaryMetric: diversity
                    live:
                      alias: champion
                      stage: Production
                    serving:
                      kind: deployment
                      kubeconfig: kubeconfig
                      namespace: %s
                      name: %s
                      modelRef:
                        container: server
                        env: MODEL_URI
                """.formatted(registryProxy.uri(), model, namespace, deployment));
        env.put("ROLLBACK_STATE_DIR", dir.resolve("state").toString());
        env.put("ROLLBACK_USER", "oncall@example.com");
        env.put("ROLLBACK_LOCK_TTL_SECONDS", "3");
    }

    public String reference(String version) {
        return "models:/" + model + "/" + version;
    }

    public CliRunner cli() {
        CliRunner runner = new CliRunner(dir);
        env.forEach(runner::env);
        return runner;
    }

    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    /**
     * Adds an {@code s3} section (the moto endpoint, path-style) and a journal mirror on a fresh bucket to
     * rollback.yaml; returns the mirror URI. Every machine using this config sees the same journals.
     */
    public String mirrorJournals() throws IOException {
        String mirror = "s3://" + S3Server.shared().freshBucket("journals") + "/rollback/journals";
        Files.writeString(dir.resolve("rollback.yaml"), """
                s3:
                  endpoint: %s
                  pathStyle: true
                journal:
                  mirror: %s
                """.formatted(S3Server.shared().endpoint(), mirror), java.nio.file.StandardOpenOption.APPEND);
        return mirror;
    }

    /**
     * Adds a section (metrics, drill, ...) to {@code services.recsys} in rollback.yaml. The service block is the
     * file's last one until {@link #mirrorJournals()} appends top-level sections, so call this before that.
     *
     * @param yaml the section at column 0 ("metrics:\n  prometheus: ..."); it is indented under the service here
     */
    public void addToService(String yaml) throws IOException {
        String indented = yaml.stripTrailing().lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n");
        Files.writeString(dir.resolve("rollback.yaml"), indented, java.nio.file.StandardOpenOption.APPEND);
    }

    /** The CLI as run on another machine: same config and cluster, its own (empty) state directory. */
    public CliRunner cliOnAnotherMachine(String name) {
        return cli().env("ROLLBACK_STATE_DIR", dir.resolve("machine-" + name).toString());
    }

    /** Writes (or overwrites in place) the version's model directory where its registered source points. */
    public void uploadArtifact(String version, String weights) {
        URI source = URI.create(seeded.source(version));
        S3Server.shared().uploadModel(source.getHost(), source.getPath().substring(1),
                Map.of("MLmodel", "flavors: {python_function: {}}\n", "model.pkl", weights));
    }

    public void deleteArtifact(String version) {
        URI source = URI.create(seeded.source(version));
        String prefix = source.getPath().substring(1) + "/";
        S3Server.shared().deleteObject(source.getHost(), prefix + "MLmodel");
        S3Server.shared().deleteObject(source.getHost(), prefix + "model.pkl");
    }

    // ---- observed state ----

    public Deployment deploymentObject() {
        return kubernetes.apps().deployments().inNamespace(namespace).withName(deployment).get();
    }

    public String servedReference() {
        return deploymentObject().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("MODEL_URI")).map(EnvVar::getValue).findFirst().orElseThrow();
    }

    public String alias() {
        JsonNode model = seeder.get("registered-models/get", Map.of("name", this.model), false);
        for (JsonNode a : model.path("registered_model").path("aliases")) {
            if (a.path("alias").asText().equals("champion")) {
                return a.path("version").asText();
            }
        }
        return null;
    }

    public JsonNode version(String version) {
        return seeder.get("model-versions/get", Map.of("name", model, "version", version), false).path("model_version");
    }

    public String stage(String version) {
        return version(version).path("current_stage").asText();
    }

    public String tag(String version, String key) {
        for (JsonNode t : version(version).path("tags")) {
            if (t.path("key").asText().equals(key)) {
                return t.path("value").asText();
            }
        }
        return null;
    }

    /** The registry and serving exactly as seeded: nothing half-done. */
    public boolean isOriginal() {
        return "7".equals(alias()) && "Production".equals(stage("7")) && "None".equals(stage("5"))
                && reference("7").equals(servedReference()) && tag("7", "rollback.role") == null
                && tag("5", "rollback.role") == null;
    }

    /** Fully rolled back to v5 in registry and serving, and the rollout finished. */
    public boolean isRolledBack() {
        Deployment d = deploymentObject();
        return "5".equals(alias()) && "Production".equals(stage("5")) && "Archived".equals(stage("7"))
                && reference("5").equals(servedReference()) && "rolled_back_from".equals(tag("7", "rollback.role"))
                && "rollback_target".equals(tag("5", "rollback.role"))
                && d.getStatus() != null && d.getStatus().getObservedGeneration() >= d.getMetadata().getGeneration();
    }

    public String describe() {
        return "alias=" + alias() + " stage5=" + stage("5") + " stage7=" + stage("7") + " served=" + servedReference()
                + " role7=" + tag("7", "rollback.role") + " role5=" + tag("5", "rollback.role");
    }

    /**
     * A release as CI would make it: a new image tag and model version in the pod template (JSON Patch: the mock
     * server merges arrays on a merge patch), with a change cause; returns once the test controller has rolled
     * it out as the next revision.
     */
    public void release(String imageTag, String modelVersion) {
        String before = revision();
        kubernetes.apps().deployments().inNamespace(namespace).withName(deployment).patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON),
                "[{\"op\":\"add\",\"path\":\"/metadata/annotations/kubernetes.io~1change-cause\",\"value\":\"release "
                        + imageTag + "\"},{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\","
                        + "\"value\":\"" + image(imageTag) + "\"},{\"op\":\"replace\",\"path\":"
                        + "\"/spec/template/spec/containers/0/env/1/value\",\"value\":\"" + reference(modelVersion) + "\"}]");
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Deployment d = deploymentObject();
            if (!revision().equals(before) && d.getStatus() != null && d.getStatus().getObservedGeneration() != null
                    && d.getStatus().getObservedGeneration() >= d.getMetadata().getGeneration()
                    && Integer.valueOf(2).equals(d.getStatus().getUpdatedReplicas())
                    && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas())
                    && Integer.valueOf(2).equals(d.getStatus().getReplicas())) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("release " + imageTag + " not rolled out: " + deploymentObject().getStatus());
    }

    public String revision() {
        var annotations = deploymentObject().getMetadata().getAnnotations();
        return annotations == null ? "" : annotations.getOrDefault("deployment.kubernetes.io/revision", "");
    }

    public String servedImage() {
        return deploymentObject().getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    public static String image(String tag) {
        return Deployments.IMAGE.replace("1.4.2", tag);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void awaitRevision(String revision) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Deployment d = deploymentObject();
            if (d.getStatus() != null && d.getStatus().getAvailableReplicas() != null
                    && d.getStatus().getAvailableReplicas() >= 2) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the test controller did not roll out revision " + revision);
    }

    @Override
    public void close() {
        controller.close();
        registryProxy.close();
    }
}
