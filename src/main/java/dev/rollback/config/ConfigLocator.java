package dev.rollback.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds the config file: --config, then $ROLLBACK_CONFIG, then ./rollback.yaml, then
 * $XDG_CONFIG_HOME/rollback/config.yaml (XDG_CONFIG_HOME defaulting to $HOME/.config).
 * Only the env map passed in is consulted, so tests never see the real home directory.
 */
public final class ConfigLocator {
    static final String ENV_VAR = "ROLLBACK_CONFIG";

    private ConfigLocator() {
    }

    public static Path locate(Path flagValue, Map<String, String> env, Path cwd) {
        if (flagValue != null) {
            return explicit(cwd.resolve(flagValue), "--config");
        }
        String fromEnv = env.get(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path path;
            try {
                path = cwd.resolve(fromEnv);
            } catch (InvalidPathException e) {
                throw new ConfigException(new ConfigProblem(null, 0, 0, "",
                        "$" + ENV_VAR + " is not a valid path: '" + fromEnv + "'"));
            }
            return explicit(path, "$" + ENV_VAR);
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(cwd.resolve("rollback.yaml"));
        Path userConfig = userConfigDir(env);
        if (userConfig != null) {
            candidates.add(userConfig.resolve("rollback").resolve("config.yaml"));
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        String looked = candidates.stream().map(Path::toString).collect(Collectors.joining(", "));
        throw new ConfigException(new ConfigProblem(null, 0, 0, "",
                "no configuration found (looked at --config, $" + ENV_VAR + ", " + looked
                        + "); copy rollback.example.yaml (shipped in the rollback jar, and in the repo at "
                        + "src/main/resources/rollback.example.yaml) to one of those files, or pass --config FILE"));
    }

    /** Someone asked for this exact file, so a missing one is an error rather than a reason to look elsewhere. */
    private static Path explicit(Path path, String origin) {
        if (Files.isRegularFile(path)) {
            return path;
        }
        String message = Files.isDirectory(path) ? "is a directory, not a config file" : "config file not found";
        throw new ConfigException(new ConfigProblem(path, 0, 0, "", message + " (given by " + origin + ")"));
    }

    /** Per the XDG spec a relative XDG_CONFIG_HOME is invalid and ignored. */
    private static Path userConfigDir(Map<String, String> env) {
        Path xdg = absolute(env.get("XDG_CONFIG_HOME"));
        if (xdg != null) {
            return xdg;
        }
        Path home = absolute(env.get("HOME"));
        return home == null ? null : home.resolve(".config");
    }

    private static Path absolute(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Path p = Path.of(value);
            return p.isAbsolute() ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
