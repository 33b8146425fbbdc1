package dev.rollback.bench;

import dev.rollback.e2e.RollbackStack;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One model rollback (v7 → healthy baseline v5, registry + Deployment + rollout + audit tags), run as
 * the real launcher {@code bin/rollback} in a fresh JVM, against the test stack: a real MLflow server
 * (behind the tests' counting proxy), moto, and the fabric8 Kubernetes mock API server with the test
 * Deployment controller. Each run gets a freshly seeded model and namespace.
 * <p>
 * Reports per run: wall time of the process, the rollout wait (timed by the journal), the tool's own
 * time = wall − wait (JVM start-up included) and = in-command time − wait (as the CLI reports it), and
 * the round trips per backend (the CLI's counters; the registry's cross-checked against the proxy).
 * <p>
 * Usage (see src/bench/README.md): {@code src/bench/bench_model_rollback.sh [RUNS]}.
 */
public final class ModelRollbackBench {

    /** Held: JUL keeps loggers weakly, and a collected one forgets its level (the mock server then logs every request). */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private static final Pattern COST = Pattern.compile("cost: (\\d+) ms of the tool's own work \\((\\d+) ms since the"
            + " command started, (\\d+) ms of it waiting for the rollout\\); round trips: (.*)");

    record Run(long wallMs, long commandMs, long waitMs, long registryBusyMs, String trips, int proxiedRegistryRequests,
               String javaCommand) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path launcher = Path.of(args.length > 1 ? args[1] : "bin/rollback").toAbsolutePath();
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        List<Run> measured = new ArrayList<>();
        try (KubernetesClient client = server.createClient()) {
            for (int i = 0; i <= runs; i++) { // run 0 warms the servers up and is not counted
                Run run = once(client, launcher, "bench" + i);
                System.err.printf("run %d: %s%n", i, run);
                if (i > 0) {
                    measured.add(run);
                }
            }
        } finally {
            server.destroy();
        }
        report(measured);
        System.exit(0); // the shared MLflow/moto servers stop in their shutdown hooks
    }

    private static Run once(KubernetesClient client, Path launcher, String name) throws Exception {
        Path dir = Files.createTempDirectory("rollback-bench-");
        try (RollbackStack stack = new RollbackStack(client, dir, name)) {
            Map<String, String> env = new HashMap<>(stack.env());
            env.remove("ROLLBACK_LOCK_TTL_SECONDS"); // the default lease, renewed as in production
            stack.registryProxy.clear(); // seeding went around the proxy; count and time only the CLI's requests
            ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "--verbose", "model", "recsys",
                    "--to", "healthy-baseline", "--yes", "--reason", "benchmark", "--timeout", "60s")
                    .directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(env);
            pb.environment().put("ROLLBACK_LAUNCHER_DEBUG", "1"); // the launcher says which java and cache it runs
            long start = System.nanoTime();
            long startMillis = System.currentTimeMillis();
            Process p = pb.start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            long wall = (System.nanoTime() - start) / 1_000_000;
            Matcher m = COST.matcher(err);
            if (exit != 0 || !m.find() || !stack.isRolledBack()) {
                throw new IllegalStateException("run " + name + " failed (exit " + exit + "):\n" + err);
            }
            if (System.getenv("BENCH_SHOW_JOURNAL") != null) { // when each entry was written, ms after launch
                try (var journals = Files.list(dir.resolve("state/journal"))) {
                    Matcher e = Pattern.compile("\"at\":\"([^\"]+)\",\"type\":\"(\\w+)\",\"step\":(-?\\d+)")
                            .matcher(Files.readString(journals.findFirst().orElseThrow()));
                    while (e.find()) {
                        System.err.printf("  +%5d ms %s %s%n", java.time.Instant.parse(e.group(1)).toEpochMilli() - startMillis,
                                e.group(2), e.group(3));
                    }
                }
            }
            if (System.getenv("BENCH_SHOW_JOURNAL") != null) {
                stack.registryProxy.log().forEach(l -> System.err.println("  registry: " + l));
            }
            return new Run(wall, Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), stack.registryProxy.busyMillis(),
                    m.group(4).trim(), stack.registryProxy.log().size(),
                    err.lines().filter(l -> l.startsWith("+ ")).findFirst().orElse("+ ?").substring(2).split(" -jar ")[0]);
        } finally {
            deleteTree(dir);
        }
    }

    private static void report(List<Run> runs) {
        System.out.printf("model rollback, %d runs (fresh JVM each; %d cores)%nbin/rollback runs: %s%n", runs.size(),
                Runtime.getRuntime().availableProcessors(), new TreeSet<>(runs.stream().map(Run::javaCommand).toList()));
        System.out.println("| measure | median ms | min | max |");
        System.out.println("|---|---:|---:|---:|");
        row("process wall time", runs, Run::wallMs);
        row("rollout wait (journal)", runs, Run::waitMs);
        row("tool's own time: wall − wait (JVM start-up included)", runs, r -> r.wallMs() - r.waitMs());
        row("tool's own time in the command: command − wait", runs, r -> r.commandMs() - r.waitMs());
        row("registry busy (MLflow answering, seen by the proxy)", runs, Run::registryBusyMs);
        row("tool's own time without the registry's: command − wait − registry busy", runs,
                r -> r.commandMs() - r.waitMs() - r.registryBusyMs());
        System.out.println("round trips per rollback (CLI counters): " + new TreeSet<>(runs.stream().map(Run::trips).toList()));
        System.out.println("registry requests seen by the proxy: "
                + new TreeSet<>(runs.stream().map(Run::proxiedRegistryRequests).toList()));
    }

    private static void row(String what, List<Run> runs, ToLongFunction<Run> f) {
        long[] v = runs.stream().mapToLong(f).sorted().toArray();
        long median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        System.out.printf("| %s | %d | %d | %d |%n", what, median, v[0], v[v.length - 1]);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
