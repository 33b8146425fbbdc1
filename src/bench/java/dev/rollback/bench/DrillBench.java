package dev.rollback.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.e2e.RollbackStack;
import dev.rollback.e2e.ServedModelMetrics;
import dev.rollback.testsupport.prometheus.PrometheusServer;
import dev.rollback.testsupport.prometheus.ScrapeTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The drill's detection-to-rollback-complete time on the local stack, for a 30 s, 5 s and 1 s check interval
 * with 3 consecutive hard breaches: {@code rollback drill recsys} run as the real launcher (fresh JVM) against a
 * real MLflow, moto, the fabric8 mock API server with the test Deployment controller, and a real Prometheus that
 * scrapes the served model's metrics every second ({@link ServedModelMetrics}: v7 errors at 30 %). The drill's own
 * JSON gives the phases; detection starts when v7's rollout is complete.
 * <p>
 * Usage: {@code src/bench/bench_drill.sh [RUNS_PER_INTERVAL]}.
 */
public final class DrillBench {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Path launcher = Path.of(args.length > 1 ? args[1] : "bin/rollback").toAbsolutePath();
        java.util.logging.Logger.getLogger("okhttp3.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        List<String> rows = new ArrayList<>();
        try (KubernetesClient client = server.createClient()) {
            int n = 0;
            for (String interval : List.of("30s", "5s", "1s")) {
                for (int run = 0; run < runs; run++) {
                    JsonNode phases = once(client, launcher, "drillbench" + n++, interval);
                    double toRolledBack = phases.path("detection").asDouble() + phases.path("triage").asDouble()
                            + phases.path("execution").asDouble();
                    String row = String.format("| %s × 3 | %.1f | %.1f | %.1f | **%.1f** | %.1f | %.1f |", interval,
                            phases.path("detection").asDouble(), phases.path("triage").asDouble(),
                            phases.path("execution").asDouble(), toRolledBack,
                            phases.path("verification").asDouble(), phases.path("mttr").asDouble());
                    System.err.println(row);
                    rows.add(row);
                }
            }
        } finally {
            server.destroy();
        }
        System.out.printf("rollback drill on the local stack (%d cores), seconds:%n",
                Runtime.getRuntime().availableProcessors());
        System.out.println("| interval × consecutive | detection | triage | execution | detection → rolled back "
                + "| verification | MTTR |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
        System.exit(0); // the shared MLflow/moto servers stop in their shutdown hooks
    }

    private static JsonNode once(KubernetesClient client, Path launcher, String name, String interval)
            throws Exception {
        Path dir = Files.createTempDirectory("rollback-drill-bench-");
        try (RollbackStack stack = new RollbackStack(client, dir, name);
             ScrapeTarget target = ScrapeTarget.start();
             PrometheusServer prometheus = PrometheusServer.builder(dir.resolve("prom"))
                     .scrape(target.uri(), Duration.ofSeconds(1)).start();
             ServedModelMetrics metrics = new ServedModelMetrics(stack, target, true)) {
            Map<String, String> env = new HashMap<>(stack.env());
            run(launcher, dir, env, "model", "recsys", "--to", "healthy-baseline", "--yes", "--timeout", "60s");
            stack.addToService("""
                    metrics:
                      prometheus: %s
                      queries:
                        errorRate: recsys_error_rate
                        diversity: recsys_diversity
                      thresholds:
                        errorRate: 0.05
                        diversityDropPercent: 30
                      verify: {window: 60s, interval: 1s}
                      watch: {interval: %s, consecutive: 3}
                    drill:
                      version: "7"
                      budget: 5m
                      detectTimeout: 3m
                    """.formatted(prometheus.uri(), interval));
            target.awaitScrapes(2, Duration.ofSeconds(10));
            String out = run(launcher, dir, env, "drill", "recsys", "--yes", "-o", "json", "--timeout", "60s");
            JsonNode doc = new ObjectMapper().readTree(out);
            if (!doc.path("passed").asBoolean()) {
                throw new IllegalStateException("drill failed: " + doc);
            }
            return doc.path("phasesSeconds");
        }
    }

    private static String run(Path launcher, Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed (exit " + p.exitValue() + "):\n" + out);
        }
        return out;
    }
}
