package dev.rollback.adapters.features.git;

import dev.rollback.core.features.FeatureRepoException;
import dev.rollback.core.features.FeatureRepoException.Kind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Makes sure the configured path is the top of a git working copy, cloning it first when rollback.yaml says from where. */
final class RepoLocation {

    static final String REPO_KEY = "services.<service>.features.repo";
    static final String URL_KEY = "services.<service>.features.url";

    private RepoLocation() {
    }

    static void prepare(RepoTool git, Path repo, String url) {
        if (!Files.exists(repo)) {
            if (url == null || url.isBlank()) {
                throw new FeatureRepoException(Kind.NOT_FOUND, repo + " does not exist; clone the feature pipeline's "
                        + "repository there or set " + URL_KEY + " so rollback clones it");
            }
            cloneInto(git, repo, url);
        }
        if (!Files.isDirectory(repo)) {
            throw new FeatureRepoException(Kind.NOT_FOUND, repo + " is not a directory; point " + REPO_KEY
                    + " at the feature pipeline's git working copy");
        }
        ProcessRunner.Result top = git.call("rev-parse", "--show-toplevel").tryRun();
        if (!top.ok()) {
            throw new FeatureRepoException(Kind.NOT_FOUND, repo + " is not a git working copy ("
                    + ErrorLines.reason(top.stderr(), top.exitCode()) + "); point " + REPO_KEY + " at the feature "
                    + "pipeline's clone");
        }
        Path topLevel = Path.of(top.out().strip());
        if (!sameFile(topLevel, repo)) {
            throw new FeatureRepoException(Kind.NOT_FOUND, repo + " is inside the git working copy " + topLevel
                    + ", not at its top; set " + REPO_KEY + " to " + topLevel + " (the paths are relative to it)");
        }
    }

    /** DVC is optional: only a repository with a .dvc/ directory needs the dvc binary. */
    static boolean usesDvc(Path repo) {
        return Files.isDirectory(repo.resolve(".dvc"));
    }

    private static void cloneInto(RepoTool git, Path repo, String url) {
        Path parent = repo.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new FeatureRepoException(Kind.FAILED, "cannot create " + parent + " to clone into: " + e.getMessage(), e);
        }
        ProcessRunner.Result r;
        try {
            r = git.in(parent).call("clone", "--quiet", "--", url, repo.toString()).timeout(RepoTool.SLOW).tryRun();
        } catch (FeatureRepoException timedOut) {
            deleteRecursively(repo); // a killed clone leaves a half-made directory that would pass for a repository
            throw timedOut;
        }
        if (!r.ok()) {
            deleteRecursively(repo);
            throw new FeatureRepoException(Kind.FAILED, "git clone of " + ErrorLines.redact(url) + " into " + repo
                    + " failed: " + ErrorLines.reason(r.stderr(), r.exitCode()));
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.normalize().equals(b.normalize());
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort; the next run reports what is left
        }
    }
}
