package dev.rollback.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.testsupport.CliResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.rollback.testsupport.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rollback report} after a real {@code rollback model} on the 2 AM scenario (real MLflow, moto, the
 * Kubernetes mock API server with the test Deployment controller): the report tells what that run did.
 */
@EnableKubernetesMockClient(crud = true)
class ReportEndToEndTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path dir;

    @Test
    void theReportOfARealModelRollbackTellsWhatItChanged() throws Exception {
        try (RollbackStack stack = new RollbackStack(client, dir, "report")) {
            CliResult rollback = stack.cli().run("model", "recsys", "--to", "healthy-baseline", "--yes", "--reason",
                    "diversity | collapse *at* 2am", "--timeout", "20s");
            assertThat(rollback).succeeded();
            String id = EndToEnd.onlyJournal(dir).getFileName().toString().replace(".jsonl", "");

            CliResult markdown = stack.cli().run("report", "--last");

            assertThat(markdown).succeeded().errIsEmpty().outContains(
                    "# Incident report: recsys rolled back v7 → v5",
                    "- **Rollback:** `" + id + "` (model rollback)",
                    "- **Status:** completed: every step applied",
                    "- **Severity:** P3 — no metrics decision recorded",
                    "- **By:** oncall@example.com",
                    "- **Reason:** diversity \\| collapse \\*at\\* 2am",
                    "| Model registry | 1 | alias 'champion' of " + stack.model + " | 7 → 5 | applied |",
                    "container server env MODEL\\_URI | " + stack.reference("7") + " → " + stack.reference("5")
                            + " | applied |",
                    "| Feature pipeline | – | feature pipeline (rollback features) | – | unchanged |",
                    "MTTR covers execution only",
                    "## Impact\n\n[fill in]", "## Corrective actions");

            CliResult json = stack.cli().run("report", id, "-o", "json");
            assertThat(json).succeeded();
            JsonNode doc = new ObjectMapper().readTree(json.out());
            assertThat(doc.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(doc.path("change").path("from").asText()).isEqualTo("v7");
            assertThat(doc.path("change").path("to").asText()).isEqualTo("v5");
            assertThat(doc.path("reason").asText()).isEqualTo("diversity | collapse *at* 2am");
            JsonNode serving = doc.path("layers").get(1);
            assertThat(serving.path("layer").asText()).isEqualTo("serving");
            assertThat(serving.path("steps").get(0).path("after").asText()).isEqualTo(stack.reference("5"));
            assertThat(serving.path("steps").findValuesAsText("result")).containsOnly("APPLIED");
            assertThat(doc.path("phases").get(2).path("seconds").asDouble()).as("execution took real time")
                    .isPositive();

            CliResult toFile = stack.cli().run("report", id, "--output-file", "incident.md");
            assertThat(toFile).succeeded().errContains("incident.md");
            assertThat(Files.readString(dir.resolve("incident.md"))).isEqualTo(markdown.out());

            CliResult unknown = stack.cli().run("report", "rb-20200101-000000-recsys-dead");
            assertThat(unknown).exitedWith(4).errIsOneLine().errContains("newest: " + id + " (recsys)");
        }
    }
}
