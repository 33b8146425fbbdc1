package dev.rollback.bench;

import dev.rollback.testsupport.ci.GitLabStandIn;
import dev.rollback.testsupport.features.FeatureRepo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rollback features} (real git + DVC 3.67.1, the test scenario repository, DVC data in the cache) and
 * {@code rollback retrain} (against the local GitLab stand-in), each run as the real launcher in a fresh JVM.
 * Also times {@code dvc --version} alone: every dvc call pays Python's start-up, which dominates.
 * <p>
 * Usage (see src/bench/README.md): {@code src/bench/bench_features_retrain.sh [RUNS]}.
 */
public final class FeaturesRetrainBench {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path launcher = Path.of(args.length > 1 ? args[1] : "bin/rollback").toAbsolutePath();
        Path dir = Files.createTempDirectory("rollback-features-bench-");
        FeatureRepo scenario = FeatureRepo.build(dir.resolve("scenario"));
        try (GitLabStandIn gitlab = new GitLabStandIn("ml/recsys-training", 42, "glptt-bench", "glpat-bench")) {
            List<Long> dvc = new ArrayList<>();
            List<Long> dryRun = new ArrayList<>();
            List<Long> restore = new ArrayList<>();
            List<Long> retrainDry = new ArrayList<>();
            List<Long> trigger = new ArrayList<>();
            for (int run = 0; run <= runs; run++) { // run 0 warms the page cache and is not counted
                Path work = Files.createDirectories(dir.resolve("run-" + run));
                FeatureRepo repo = scenario.copyTo(work.resolve("features"));
                Files.writeString(work.resolve("rollback.yaml"), """
                        registries:
                          default: {trackingUri: "http://127.0.0.1:9"}
                        services:
                          recsys:
                            model: {name: homepage-recsys}
                            features: {repo: features/repo, paths: [%s], dvc: %s}
                            ci: {kind: gitlab, url: "%s", project: ml/recsys-training, tokenEnv: GL_TRIGGER}
                        """.formatted(String.join(", ", FeatureRepo.PATHS), repo.dvcBinary(), gitlab.uri()));
                Map<String, String> env = new HashMap<>(repo.env());
                env.put("ROLLBACK_STATE_DIR", work.resolve("state").toString());
                env.put("ROLLBACK_USER", "bench@example.com");
                env.put("GL_TRIGGER", "glptt-bench");
                long d = time(List.of(repo.dvcBinary().toString(), "--version"), work, env);
                long p = time(command(launcher, "features", "recsys", "--to", "previous", "--dry-run"), work, env);
                long r = time(command(launcher, "features", "recsys", "--to", "previous", "--yes"), work, env);
                long rd = time(command(launcher, "retrain", "recsys", "--dataset", "v12", "--dry-run"), work, env);
                long t = time(command(launcher, "retrain", "recsys", "--dataset", "v12", "--yes"), work, env);
                System.err.printf("run %d: dvc --version %d ms, features --dry-run %d ms, features %d ms, "
                        + "retrain --dry-run %d ms, retrain %d ms%n", run, d, p, r, rd, t);
                if (run > 0) {
                    dvc.add(d);
                    dryRun.add(p);
                    restore.add(r);
                    retrainDry.add(rd);
                    trigger.add(t);
                }
            }
            System.out.printf("features and retrain, %d runs (fresh JVM each; %d cores), medians:%n", runs,
                    Runtime.getRuntime().availableProcessors());
            System.out.println("| measure | ms |");
            System.out.println("|---|---:|");
            System.out.printf("| `dvc --version` (one dvc process, for scale) | %d |%n", median(dvc));
            System.out.printf("| `features recsys --to previous --dry-run` (plan: git status, dvc status, diffs) | %d |%n",
                    median(dryRun));
            System.out.printf("| `features recsys --to previous --yes` (plan + commit + checkout with dvc) | %d |%n",
                    median(restore));
            System.out.printf("| `retrain recsys --dataset v12 --dry-run` | %d |%n", median(retrainDry));
            System.out.printf("| `retrain recsys --dataset v12 --yes` (trigger, journal) | %d |%n", median(trigger));
        }
        System.exit(0);
    }

    private static List<String> command(Path launcher, String... args) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static long time(List<String> command, Path dir, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        long wall = (System.nanoTime() - start) / 1_000_000;
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + exit + "):\n" + out + err);
        }
        return wall;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
