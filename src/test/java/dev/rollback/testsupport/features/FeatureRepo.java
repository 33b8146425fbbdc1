package dev.rollback.testsupport.features;

import dev.rollback.config.FeaturesConfig;
import dev.rollback.testsupport.TestVenv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A feature-pipeline repository as teams keep them: git for the code, DVC for the data, a DVC remote (a local
 * directory), and three commits: "known good", "bad change" (code and data: new hashes, a file added, a file
 * deleted), and a docs commit outside the pipeline paths. Building it takes a dozen dvc calls, so a test class builds
 * it once and copies it per test: the copy is self-contained (the DVC remote is configured by a relative path).
 *
 * <p>Layout under the root: {@code repo/} the working copy, {@code remote/} the DVC remote, {@code home/} HOME and
 * XDG dirs (git and dvc never read or write the real ones), {@code site/} DVC's site cache.
 */
public final class FeatureRepo {

    /** The pipeline paths a rollback restores; README.md is outside them. */
    public static final List<String> PATHS = List.of("pipeline/", "data/", "dvc.yaml", "dvc.lock");

    /** One pipeline version: its commit and the bytes of the DVC outputs it records. */
    public record Version(String commit, byte[] encoder, byte[] features) {
    }

    private static final String STAGE = """
            stages:
              features:
                cmd: cat pipeline/params.yaml data/encoder.bin > data/features.csv
                deps:
                  - pipeline/params.yaml
                  - pipeline/encode.py
                  - data/encoder.bin
                outs:
                  - data/features.csv
            """;

    private final Path root;
    private final Path dvcBinary;
    private Version knownGood;
    private Version badChange;
    private String docsCommit;

    private FeatureRepo(Path root, Path dvcBinary) {
        this.root = root;
        this.dvcBinary = dvcBinary;
    }

    /** Builds the scenario under {@code root} with the pinned DVC of {@code requirements-dvc.txt}. */
    public static FeatureRepo build(Path root) {
        FeatureRepo r = new FeatureRepo(root, TestVenv.path("dvc").resolve("bin/dvc"));
        r.createScenario();
        return r;
    }

    /** An independent copy under {@code otherRoot}, with the same commits. */
    public FeatureRepo copyTo(Path otherRoot) {
        copyTree(root, otherRoot);
        FeatureRepo copy = new FeatureRepo(otherRoot, dvcBinary);
        copy.knownGood = knownGood;
        copy.badChange = badChange;
        copy.docsCommit = docsCommit;
        return copy;
    }

    private void createScenario() {
        mkdirs(repo(), remote(), root.resolve("home"));
        git("init", "-q", "-b", "main");
        git("config", "user.name", "Test Author");
        git("config", "user.email", "author@example.com");
        dvc("init", "-q");
        dvc("remote", "add", "-d", "storage", "../remote"); // stored relative to .dvc/: copies stay self-contained

        write("pipeline/encode.py", "def encode(x):\n    return x * 2\n");
        write("pipeline/params.yaml", "scale: 2\n");
        write("pipeline/legacy.py", "# the bad change deletes this file\n");
        write("README.md", "# features\n");
        write("dvc.yaml", STAGE);
        writeBytes("data/encoder.bin", randomBytes(1, 4096));
        dvc("add", "-q", "data/encoder.bin");
        dvc("repro", "-q");
        git("add", "-A");
        String good = commit("known good", "2024-05-01T10:00:00Z");
        git("tag", "known-good");
        dvc("push", "-q");
        knownGood = new Version(good, read("data/encoder.bin"), read("data/features.csv"));

        write("pipeline/encode.py", "def encode(x):\n    return x * 3  # the bad change\n");
        write("pipeline/params.yaml", "scale: 3\n");
        write("pipeline/extra.py", "# added by the bad change\n");
        delete("pipeline/legacy.py");
        writeBytes("data/encoder.bin", randomBytes(2, 4096));
        dvc("add", "-q", "data/encoder.bin");
        dvc("repro", "-q");
        git("add", "-A");
        String bad = commit("bad change", "2024-05-02T10:00:00Z");
        dvc("push", "-q");
        badChange = new Version(bad, read("data/encoder.bin"), read("data/features.csv"));

        write("README.md", "# features\n\nUnrelated docs change.\n");
        git("add", "-A");
        docsCommit = commit("docs: unrelated", "2024-05-03T10:00:00Z");
    }

    private String commit(String message, String isoTime) {
        run(repo(), List.of("git", "commit", "-q", "-m", message), Map.of("GIT_AUTHOR_DATE", isoTime,
                "GIT_COMMITTER_DATE", isoTime));
        return git("rev-parse", "HEAD").strip();
    }

    public Version knownGood() {
        return knownGood;
    }

    public Version badChange() {
        return badChange;
    }

    /** HEAD of main: the docs commit, which touches nothing under {@link #PATHS}. */
    public String docsCommit() {
        return docsCommit;
    }

    public Path root() {
        return root;
    }

    public Path repo() {
        return root.resolve("repo");
    }

    public Path remote() {
        return root.resolve("remote");
    }

    public Path dvcBinary() {
        return dvcBinary;
    }

    /** What the adapter gets: the same env the scenario was built with, dvc by absolute path (never PATH). */
    public FeaturesConfig config() {
        return new FeaturesConfig(repo(), null, PATHS, "origin", "git", dvcBinary.toString(), null);
    }

    /** PATH for git and sh; everything git and dvc might write outside the repository goes under the root. */
    public Map<String, String> env() {
        Path home = root.resolve("home");
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("DVC_NO_ANALYTICS", "1");
        env.put("DVC_SITE_CACHE_DIR", root.resolve("site").toString());
        env.put("DVC_GLOBAL_CONFIG_DIR", home.resolve("dvc-global").toString());
        env.put("DVC_SYSTEM_CONFIG_DIR", home.resolve("dvc-system").toString());
        return env;
    }

    /** Runs git in the working copy; fails the test on a non-zero exit. */
    public String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return run(repo(), command, Map.of());
    }

    /** Runs the pinned dvc in the working copy; fails the test on a non-zero exit. */
    public String dvc(String... args) {
        List<String> command = new ArrayList<>(List.of(dvcBinary.toString()));
        command.addAll(List.of(args));
        return run(repo(), command, Map.of());
    }

    public void write(String path, String text) {
        writeBytes(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public void writeBytes(String path, byte[] bytes) {
        try {
            Path file = repo().resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] read(String path) {
        try {
            return Files.readAllBytes(repo().resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String path) {
        deleteTree(repo().resolve(path));
    }

    /** Removes a file or directory tree (DVC makes cache files read-only; deleting them needs no write bit). */
    public static void deleteTree(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String run(Path dir, List<String> command, Map<String, String> extraEnv) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env());
        pb.environment().putAll(extraEnv);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed in " + dir + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static void mkdirs(Path... dirs) {
        try {
            for (Path d : dirs) {
                Files.createDirectories(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
