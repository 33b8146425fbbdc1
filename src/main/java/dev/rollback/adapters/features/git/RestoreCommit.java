package dev.rollback.adapters.features.git;

import dev.rollback.core.features.FeatureRepoException;
import dev.rollback.core.features.FeatureRepoException.Kind;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds "base, with the pipeline paths as in target" as a commit on a new branch using only plumbing and a
 * throw-away index, so the operator's working tree, index and HEAD are never touched (they may hold work).
 */
final class RestoreCommit {

    private static final String FALLBACK_NAME = "rollback";
    private static final String FALLBACK_EMAIL = "rollback@localhost";
    // update-index --index-info removes a path given mode 0 and the null object id
    private static final String REMOVE = "0 0000000000000000000000000000000000000000\t";

    private final RepoTool git;
    private final GitRefs refs;
    private final List<String> paths;
    private final Map<String, String> env;

    RestoreCommit(RepoTool git, GitRefs refs, List<String> paths, Map<String, String> env) {
        this.git = git;
        this.refs = refs;
        this.paths = List.copyOf(paths);
        this.env = env;
    }

    String commit(String branch, String base, String target, String message) {
        refs.requireBranchName(branch);
        String baseId = refs.requireCommit(base);
        String targetId = refs.requireCommit(target);
        Path scratch = createScratchDir();
        try {
            String tree = restoredTree(baseId, targetId, scratch);
            var existing = refs.branchTip(branch);
            if (existing.isPresent()) {
                return sameRestoreOrFail(branch, existing.get(), baseId, tree);
            }
            Path messageFile = scratch.resolve("message");
            Files.writeString(messageFile, message, StandardCharsets.UTF_8);
            String commit = git.call("commit-tree", tree, "-p", baseId, "-F", messageFile.toString())
                    .env(identityFallback()).run().strip();
            // "" as the old value: create only; a branch that appeared meanwhile makes this fail instead of moving it
            git.call("update-ref", "-m", "rollback: restore pipeline paths", "refs/heads/" + branch, commit, "").run();
            return commit;
        } catch (IOException e) {
            throw new FeatureRepoException(Kind.FAILED, "cannot write the commit message in " + scratch + ": " + e, e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    /** The tree of base with every entry under the paths replaced by target's. */
    private String restoredTree(String baseId, String targetId, Path scratch) {
        Map<String, String> index = Map.of("GIT_INDEX_FILE", scratch.resolve("index").toString());
        git.call("read-tree", baseId).env(index).run();
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        for (String entry : nulSeparated(lsTree(baseId))) {
            entries.writeBytes((REMOVE + entry.substring(entry.indexOf('\t') + 1) + "\0").getBytes(StandardCharsets.UTF_8));
        }
        entries.writeBytes(lsTree(targetId)); // "mode type id\tpath\0", what --index-info reads
        git.call("update-index", "-z", "--index-info").env(index).input(entries.toByteArray()).run();
        return git.call("write-tree").env(index).run().strip();
    }

    private byte[] lsTree(String commit) {
        List<String> args = new ArrayList<>(List.of("ls-tree", "-r", "-z", commit, "--"));
        args.addAll(paths);
        return git.call(args).runBytes().stdout();
    }

    private String sameRestoreOrFail(String branch, String tip, String baseId, String tree) {
        String[] parentsAndTree = git.call("log", "-1", "--format=%P%x1f%T", tip).run().strip().split("\u001f");
        if (parentsAndTree[0].equals(baseId) && parentsAndTree[1].equals(tree)) {
            return tip; // a repeat of this very restore (a resumed rollback): nothing to do
        }
        throw new FeatureRepoException(Kind.FAILED, "branch " + branch + " already exists in " + git.workDir() + " at "
                + tip.substring(0, 9) + " and is not this restore; delete it (git branch -D " + branch
                + ") or use another rollback id");
    }

    /**
     * A commit must not fail because the machine has no git identity: git's own config and GIT_AUTHOR_* / EMAIL
     * win, "rollback <rollback@localhost>" only fills what is missing.
     */
    private Map<String, String> identityFallback() {
        ProcessRunner.Result r = git.call("config", "--get-regexp", "^(user|author|committer)\\.(name|email)$").tryRun();
        String configured = r.ok() ? r.out() : "";
        Map<String, String> fallback = new HashMap<>();
        for (String role : List.of("author", "committer")) {
            fill(fallback, role, "name", FALLBACK_NAME, configured);
            fill(fallback, role, "email", FALLBACK_EMAIL, configured);
        }
        return fallback;
    }

    private void fill(Map<String, String> into, String role, String field, String value, String configured) {
        String variable = "GIT_" + role.toUpperCase(Locale.ROOT) + "_" + field.toUpperCase(Locale.ROOT);
        boolean set = env.containsKey(variable) || (field.equals("email") && env.containsKey("EMAIL"))
                || configured.lines().anyMatch(l -> l.startsWith("user." + field + " ")
                        || l.startsWith(role + "." + field + " "));
        if (!set) {
            into.put(variable, value);
        }
    }

    private static List<String> nulSeparated(byte[] bytes) {
        List<String> items = new ArrayList<>();
        for (String s : new String(bytes, StandardCharsets.UTF_8).split("\0")) {
            if (!s.isEmpty()) {
                items.add(s);
            }
        }
        return items;
    }

    private static Path createScratchDir() {
        try {
            return Files.createTempDirectory("rollback-restore-");
        } catch (IOException e) {
            throw new FeatureRepoException(Kind.FAILED, "cannot create a temporary directory for the restore index: "
                    + e.getMessage() + "; check java.io.tmpdir", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
