package dev.rollback.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.rollback.config.SectionMaps.string;
import static dev.rollback.config.SectionMaps.unknownKeys;

/**
 * The typed view of {@code services.<name>.features}: the feature pipeline's git repository, the paths in it
 * that make up the pipeline (code, dvc.yaml, dvc.lock, .dvc files), and the tools.
 *
 * @param repo      the working copy (relative paths are relative to rollback.yaml)
 * @param url       when set and {@code repo} does not exist yet, it is cloned from here
 * @param paths     repository-relative paths restored by a rollback; never "..", never absolute
 * @param gitRemote where {@code --push} pushes the rollback branch
 * @param dvcRemote the DVC remote to pull from; null = DVC's default remote, if the repository has one
 */
public record FeaturesConfig(Path repo, String url, List<String> paths, String gitRemote, String gitBinary,
        String dvcBinary, String dvcRemote) {

    private static final Set<String> KEYS = new TreeSet<>(Set.of("repo", "url", "paths", "remote", "git", "dvc",
            "dvcRemote"));

    public FeaturesConfig {
        paths = List.copyOf(paths);
    }

    /** Validates and binds one service's features map; problems are added to {@code problems}. */
    static FeaturesConfig from(Path file, String path, Map<String, Object> map, List<ConfigProblem> problems) {
        if (map.isEmpty()) {
            return null;
        }
        unknownKeys(file, path, map, KEYS, problems);
        String repo = string(map, "repo", null);
        if (repo == null) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".repo", "required: the feature pipeline's git working copy"));
        }
        List<String> paths = new ArrayList<>();
        Object rawPaths = map.get("paths");
        if (rawPaths instanceof List<?> list && !list.isEmpty()) {
            for (Object p : list) {
                String text = p == null ? "" : p.toString().strip();
                if (text.isEmpty() || text.startsWith("/") || List.of(text.split("/")).contains("..")) {
                    problems.add(new ConfigProblem(file, 0, 0, path + ".paths", "each path must be relative to the "
                            + "repository and stay inside it; got '" + text + "'"));
                } else {
                    paths.add(text);
                }
            }
        } else {
            problems.add(new ConfigProblem(file, 0, 0, path + ".paths", "required: a list of the pipeline's paths in "
                    + "the repository, like [pipeline/, dvc.yaml, dvc.lock]"));
        }
        return new FeaturesConfig(SectionMaps.path(file, repo), string(map, "url", null), paths,
                string(map, "remote", "origin"), string(map, "git", "git"), string(map, "dvc", "dvc"),
                string(map, "dvcRemote", null));
    }
}
