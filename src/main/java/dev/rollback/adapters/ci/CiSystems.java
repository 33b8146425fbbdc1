package dev.rollback.adapters.ci;

import dev.rollback.adapters.ci.github.GitHubActions;
import dev.rollback.adapters.ci.gitlab.GitLabCi;
import dev.rollback.adapters.ci.jenkins.JenkinsCi;
import dev.rollback.adapters.ci.webhook.WebhookCi;
import dev.rollback.config.CiConfig;
import dev.rollback.core.retrain.CiSystem;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the {@link CiSystem} for a service's {@code ci} config. Nothing is read or sent here: tokens are
 * read on the first request that needs them, so describe() and preview() work without any.
 */
public final class CiSystems {

    private CiSystems() {
    }

    /**
     * @param env       where tokenEnv/apiTokenEnv are looked up (System.getenv() in production)
     * @param configDir relative tokenFile/apiTokenFile paths resolve against it; null = the working directory
     */
    public static CiSystem create(CiConfig config, Map<String, String> env, Path configDir) {
        return create(config, env, configDir, CiRuntime.standard());
    }

    /** As {@link #create(CiConfig, Map, Path)} with a given HTTP client, sleeper and clock (tests, a shared client). */
    public static CiSystem create(CiConfig config, Map<String, String> env, Path configDir, CiRuntime runtime) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(env, "env");
        if (config.url() == null) {
            throw new IllegalArgumentException("services.<svc>.ci.url is required for " + config.kind());
        }
        CiHttp http = new CiHttp(runtime);
        Path dir = configDir == null ? Path.of("").toAbsolutePath() : configDir;
        return switch (String.valueOf(config.kind())) {
            case CiConfig.GITLAB -> new GitLabCi(config.url(), required(config.project(), "project", config), config.ref(),
                    token(config, env, dir, "GitLab trigger token", "a pipeline trigger token of project " + config.project()),
                    apiToken(config, env, dir, "GitLab API token", "a GitLab token with the read_api scope (api to cancel)"),
                    http);
            case CiConfig.GITHUB -> new GitHubActions(config.url(), required(config.project(), "project", config),
                    required(config.workflow(), "workflow", config), config.ref(),
                    token(config, env, dir, "GitHub token", "a GitHub token with actions:write on " + config.project()), http);
            case CiConfig.JENKINS -> new JenkinsCi(config.url(), required(config.job(), "job", config),
                    required(config.user(), "user", config),
                    token(config, env, dir, "Jenkins API token", "the Jenkins API token of user " + config.user()), http);
            case CiConfig.WEBHOOK -> new WebhookCi(config.url(), config.header(),
                    token(config, env, dir, "webhook token", "the token the webhook receiver expects"), http);
            default -> throw new IllegalArgumentException("unsupported CI '" + config.kind() + "'; one of "
                    + String.join(", ", CiConfig.KINDS));
        };
    }

    private static TokenSource token(CiConfig config, Map<String, String> env, Path dir, String label, String holds) {
        return new TokenSource(label, holds, "tokenEnv", config.tokenEnv(), "tokenFile", resolve(dir, config.tokenFile()), env);
    }

    private static TokenSource apiToken(CiConfig config, Map<String, String> env, Path dir, String label, String holds) {
        return new TokenSource(label, holds, "apiTokenEnv", config.apiTokenEnv(), "apiTokenFile",
                resolve(dir, config.apiTokenFile()), env);
    }

    private static Path resolve(Path dir, Path file) {
        return file == null || file.isAbsolute() ? file : dir.resolve(file).normalize();
    }

    private static String required(String value, String key, CiConfig config) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("services.<svc>.ci." + key + " is required for " + config.kind());
        }
        return value;
    }
}
