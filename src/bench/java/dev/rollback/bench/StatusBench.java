package dev.rollback.bench;

import dev.rollback.e2e.RollbackStack;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rollback status} over N services (default 20), each with its own registered model (real MLflow,
 * behind its own counting proxy) and its own Deployment (fabric8 mock API server in CRUD mode, test
 * Deployment controller), run as the real launcher in a fresh JVM. Compares the wall time for all N with the
 * wall time for one, and with what running the services one after another would cost:
 * {@code --version} (the JVM alone) + N × (one service − {@code --version}).
 * <p>
 * Usage (see src/bench/README.md): {@code src/bench/bench_status.sh [SERVICES] [RUNS]}.
 */
public final class StatusBench {

    /** Held: JUL keeps loggers weakly, and a collected one forgets its level (the mock server then logs every request). */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path launcher = Path.of(args.length > 2 ? args[2] : "bin/rollback").toAbsolutePath();
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        Path dir = Files.createTempDirectory("rollback-status-bench-");
        List<RollbackStack> stacks = new ArrayList<>();
        try (KubernetesClient client = server.createClient()) {
            StringBuilder registries = new StringBuilder("registries:\n");
            StringBuilder config = new StringBuilder("services:\n");
            StringBuilder registryOnly = new StringBuilder("services:\n");
            for (int i = 1; i <= services; i++) {
                String name = String.format("svc-%02d", i);
                RollbackStack stack = new RollbackStack(client, Files.createDirectories(dir.resolve(name)), "st" + i);
                stacks.add(stack);
                registries.append("  r").append(i).append(":\n    trackingUri: ").append(stack.registryProxy.uri())
                        .append("\n");
                config.append("""
                          %s:
                            registry: r%d
                            model: {name: %s}
                            live: {alias: champion, stage: Production}
                            serving:
                              kind: deployment
                              kubeconfig: %s
                              namespace: %s
                              name: %s
                              modelRef: {container: server, env: MODEL_URI}
                        """.formatted(name, i, stack.model, stack.dir.resolve("kubeconfig"), stack.namespace,
                        stack.deployment));
                registryOnly.append("""
                          %s:
                            registry: r%d
                            model: {name: %s}
                            live: {alias: champion, stage: Production}
                        """.formatted(name, i, stack.model));
                // rolled out: stop its test controller, whose reconcile loop (10 a second) would eat the CPU measured
                stack.controller.close();
                System.err.printf("seeded %s%n", name);
            }
            Files.writeString(dir.resolve("rollback.yaml"), registries + config.toString());
            Files.writeString(dir.resolve("registry-only.yaml"), registries + registryOnly.toString());
            Map<String, String> env = new HashMap<>(stacks.get(0).env());
            env.put("ROLLBACK_STATE_DIR", dir.resolve("state").toString());
            List<Long> version = new ArrayList<>();
            List<Long> one = new ArrayList<>();
            List<Long> oneRegistryOnly = new ArrayList<>();
            List<Long> all = new ArrayList<>();
            for (int run = 0; run <= runs; run++) { // run 0 warms the servers up and is not counted
                long v = time(launcher, dir, env, false, "--version");
                long r = time(launcher, dir, env, false, "--config", "registry-only.yaml", "status", "svc-01");
                long o = time(launcher, dir, env, true, "status", "svc-01");
                long a = time(launcher, dir, env, true, "status");
                System.err.printf("run %d: --version %d ms, status svc-01 registry only %d ms, with serving %d ms, "
                        + "status (%d) %d ms%n", run, v, r, o, services, a);
                if (run > 0) {
                    version.add(v);
                    one.add(o);
                    oneRegistryOnly.add(r);
                    all.add(a);
                }
            }
            long mv = median(version);
            long mo = median(one);
            long ma = median(all);
            System.out.printf("status with serving, %d services, %d runs (fresh JVM each; %d cores), medians:%n",
                    services, runs, Runtime.getRuntime().availableProcessors());
            System.out.println("| measure | ms |");
            System.out.println("|---|---:|");
            System.out.printf("| `--version` (JVM start-up and exit) | %d |%n", mv);
            System.out.printf("| `status svc-01`, registry only (serving not configured) | %d |%n", median(oneRegistryOnly));
            System.out.printf("| `status svc-01` (1 service: registry + Deployment) | %d |%n", mo);
            System.out.printf("| `status` (%d services, concurrent) | %d |%n", services, ma);
            System.out.printf("| one after another would be: --version + %d × (1 service − --version) | %d |%n",
                    services, mv + services * (mo - mv));
        } finally {
            for (RollbackStack s : stacks) {
                s.close();
            }
            server.destroy();
        }
        System.exit(0); // the shared MLflow/moto servers stop in their shutdown hooks
    }

    /** Wall time of one launcher run; status must have read every service's serving side. */
    private static long time(Path launcher, Path dir, Map<String, String> env, boolean status, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        long wall = (System.nanoTime() - start) / 1_000_000;
        if ((exit != 0 && exit != 10) || (status && !out.contains("complete"))) {
            throw new IllegalStateException(String.join(" ", args) + " failed (exit " + exit + "):\n" + out + err);
        }
        return wall;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
