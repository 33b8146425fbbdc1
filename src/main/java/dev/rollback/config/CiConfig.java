package dev.rollback.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.rollback.config.SectionMaps.string;
import static dev.rollback.config.SectionMaps.unknownKeys;

/**
 * The typed view of {@code services.<name>.ci}: which CI system retrains the service's model, and how to
 * reach it. Tokens never appear here, only where to read them (an environment variable or a file).
 *
 * <ul>
 *   <li>{@code gitlab}: {@code url} (https://gitlab.com), {@code project} (id or path), {@code ref};
 *       {@code token*} is the pipeline trigger token; {@code apiToken*} a token with read_api to follow
 *       and cancel the pipeline;</li>
 *   <li>{@code github}: {@code url} (API base, https://api.github.com), {@code project} (owner/repo),
 *       {@code workflow} (file name or id), {@code ref}; {@code token*} a token with actions:write;</li>
 *   <li>{@code jenkins}: {@code url}, {@code job} (folders as a/b), {@code user} plus {@code token*}
 *       (API token);</li>
 *   <li>{@code webhook}: {@code url} receives a JSON POST; {@code token*} is optional and sent in
 *       {@code header} (default Authorization, as "Bearer TOKEN").</li>
 * </ul>
 */
public record CiConfig(String kind, URI url, String project, String workflow, String job, String ref,
        String tokenEnv, Path tokenFile, String apiTokenEnv, Path apiTokenFile, String user, String header) {

    public static final String GITLAB = "gitlab";
    public static final String GITHUB = "github";
    public static final String JENKINS = "jenkins";
    public static final String WEBHOOK = "webhook";
    public static final List<String> KINDS = List.of(GITLAB, GITHUB, JENKINS, WEBHOOK);
    private static final Set<String> KEYS = new TreeSet<>(Set.of("kind", "url", "project", "workflow", "job", "ref",
            "tokenEnv", "tokenFile", "apiTokenEnv", "apiTokenFile", "user", "header"));

    /** Validates and binds one service's ci map; problems are added to {@code problems}. */
    static CiConfig from(Path file, String path, Map<String, Object> map, List<ConfigProblem> problems) {
        if (map.isEmpty()) {
            return null;
        }
        unknownKeys(file, path, map, KEYS, problems);
        String kind = string(map, "kind", null);
        if (kind == null || !KINDS.contains(kind)) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".kind", (kind == null ? "required" : "unsupported CI '"
                    + kind + "'") + "; one of " + String.join(", ", KINDS)));
            return null;
        }
        URI url = uri(file, path, map, kind, problems);
        String project = string(map, "project", null);
        String workflow = string(map, "workflow", null);
        String job = string(map, "job", null);
        if ((GITLAB.equals(kind) || GITHUB.equals(kind)) && project == null) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".project", "required for " + kind
                    + (GITHUB.equals(kind) ? " (owner/repo)" : " (numeric id or group/project path)")));
        }
        if (GITHUB.equals(kind) && project != null && !project.matches("[^/\\s]+/[^/\\s]+")) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".project", "expected owner/repo; got '" + project + "'"));
        }
        if (GITHUB.equals(kind) && workflow == null) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".workflow", "required for github: the workflow file "
                    + "name (retrain.yml) or id"));
        }
        if (JENKINS.equals(kind) && job == null) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".job", "required for jenkins: the job name (folders as a/b)"));
        }
        String tokenEnv = string(map, "tokenEnv", null);
        String tokenFile = string(map, "tokenFile", null);
        if (!WEBHOOK.equals(kind) && tokenEnv == null && tokenFile == null) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".tokenEnv", "required for " + kind
                    + ": name the environment variable (or tokenFile) holding the token; never the token itself"));
        }
        if (JENKINS.equals(kind) && string(map, "user", null) == null) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".user", "required for jenkins: the user the API token belongs to"));
        }
        return new CiConfig(kind, url, project, workflow, job, string(map, "ref", "main"), tokenEnv,
                SectionMaps.path(file, tokenFile), string(map, "apiTokenEnv", null),
                SectionMaps.path(file, string(map, "apiTokenFile", null)), string(map, "user", null),
                string(map, "header", null));
    }

    private static URI uri(Path file, String path, Map<String, Object> map, String kind, List<ConfigProblem> problems) {
        String text = string(map, "url", null);
        if (text == null) {
            return switch (kind) {
                case GITLAB -> URI.create("https://gitlab.com");
                case GITHUB -> URI.create("https://api.github.com");
                default -> {
                    problems.add(new ConfigProblem(file, 0, 0, path + ".url", "required for " + kind));
                    yield null;
                }
            };
        }
        return SectionMaps.httpUrl(file, path + ".url", text, problems, "name the variable holding the token with tokenEnv");
    }
}
