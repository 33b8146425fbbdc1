package dev.rollback;

import dev.rollback.adapters.journal.FileJournalStore;
import dev.rollback.adapters.s3.S3ArtifactStore;
import dev.rollback.adapters.s3.S3Settings;
import dev.rollback.cli.CliContext;
import dev.rollback.cli.CommandLineFactory;
import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.plan.StepSpec;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetList;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.mlflow.api.proto.ModelRegistry.GetRegisteredModel;
import org.mlflow.api.proto.ModelRegistry.SearchModelVersions;
import org.mlflow.api.proto.Service.GetRun;
import org.mlflow_project.google.protobuf.util.JsonFormat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The workload the build runs once, under {@code -XX:ArchiveClassesAtExit}, to record the classes a
 * rollback loads into a class-data-sharing archive that {@code bin/rollback} then maps at start-up
 * (loading them from the jars is most of a cold run's time). It needs no server: commands run against
 * a closed local port and fail fast, which still loads the clients, the request paths and the error
 * handling; responses are parsed from canned JSON. Nothing it prints matters.
 */
public final class StartupTraining {

    private static final String DEAD = "http://127.0.0.1:9"; // discard port: connection refused at once

    private StartupTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("rollback-training-");
        Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: %s}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: c, context: {cluster: c, user: u, namespace: ml}}]
                current-context: c
                """.formatted(DEAD));
        Files.writeString(dir.resolve("rollback.yaml"), """
                registries:
                  default: {trackingUri: %s, timeout: 1s}
                services:
                  recsys:
                    model: {name: recsys, primaryMetric: diversity}
                    live: {alias: champion, stage: Production}
                    serving:
                      kind: deployment
                      kubeconfig: kubeconfig
                      namespace: ml
                      name: model-server
                      modelRef: {container: server, env: MODEL_URI}
                """.formatted(DEAD));
        // Nothing from the builder's environment: a ROLLBACK_CONFIG or MLflow/AWS credentials exported for a
        // later CI step must never point this workload at a real system.
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("ROLLBACK_STATE_DIR", dir.resolve("state").toString());
        env.put("MLFLOW_S3_ENDPOINT_URL", DEAD);
        env.put("AWS_ACCESS_KEY_ID", "training");
        env.put("AWS_SECRET_ACCESS_KEY", "training");
        String config = dir.resolve("rollback.yaml").toString(); // explicit: outranks any config lookup
        for (List<String> command : List.of(List.of("--version"), List.of("--help"), List.of("model", "--help"),
                List.of("status", "recsys", "--config", config), List.of("status", "-o", "json", "--config", config),
                List.of("candidates", "recsys", "--config", config), List.of("history", "recsys", "--config", config),
                List.of("model", "recsys", "--to", "5", "--dry-run", "--config", config))) {
            run(dir, env, command);
        }
        parseResponses();
        journal(dir);
        try (S3ArtifactStore s3 = S3ArtifactStore.create(S3Settings.defaults(), env)) {
            s3.fingerprint("s3://bucket/model/MLmodel");
        } catch (RuntimeException expected) {
            // connection refused: the request and error paths are loaded
        }
        System.exit(0);
    }

    private static void run(Path dir, Map<String, String> env, List<String> args) {
        CliContext context = new CliContext(env, dir, new BufferedReader(new StringReader("")),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false);
        CommandLineFactory.create(context).execute(args.toArray(String[]::new));
    }

    /** What the registry and the cluster answer during a rollback, parsed as the adapters parse it. */
    private static void parseResponses() throws IOException {
        JsonFormat.Parser parser = JsonFormat.parser().ignoringUnknownFields();
        parser.merge("{\"registered_model\":{\"name\":\"m\",\"aliases\":[{\"alias\":\"a\",\"version\":\"1\"}]}}",
                GetRegisteredModel.Response.newBuilder());
        parser.merge("{\"model_versions\":[{\"name\":\"m\",\"version\":\"1\",\"current_stage\":\"Production\","
                + "\"status\":\"READY\",\"tags\":[{\"key\":\"k\",\"value\":\"v\"}]}],\"next_page_token\":\"\"}",
                SearchModelVersions.Response.newBuilder());
        parser.merge("{\"run\":{\"data\":{\"metrics\":[{\"key\":\"k\",\"value\":1.0}]}}}", GetRun.Response.newBuilder());
        KubernetesSerialization kubernetes = new KubernetesSerialization();
        Deployment d = kubernetes.unmarshal("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x","annotations":{"a":"b"}},
                 "spec":{"replicas":2,"template":{"metadata":{"annotations":{"a":"b"}},"spec":{"containers":
                 [{"name":"s","image":"i","env":[{"name":"MODEL_URI","value":"models:/m/1"}]}]}}},
                 "status":{"observedGeneration":1,"replicas":2,"updatedReplicas":2,"availableReplicas":2}}""",
                Deployment.class);
        kubernetes.asJson(d);
        kubernetes.unmarshal("{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"l\"},"
                + "\"spec\":{\"holderIdentity\":\"h\",\"leaseDurationSeconds\":30,\"renewTime\":\"2026-01-01T00:00:00.000000Z\"}}",
                Lease.class);
        kubernetes.unmarshal("{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSetList\",\"items\":[]}", ReplicaSetList.class);
        kubernetes.unmarshal("{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"items\":[]}", PodList.class);
    }

    private static void journal(Path dir) {
        FileJournalStore store = new FileJournalStore(dir.resolve("journal"));
        Plan plan = new Plan("rb-training", "model", "recsys", Instant.now(), "training", "training",
                List.of(new StepSpec("registry.alias", "model", "alias", "7", "5", Map.of())), List.of());
        store.create(plan).append(JournalEntry.step(Instant.now(), JournalEntry.Type.INTENT, 0, "x"));
        store.list();
    }
}
