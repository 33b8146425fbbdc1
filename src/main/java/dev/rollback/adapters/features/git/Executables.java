package dev.rollback.adapters.features.git;

import dev.rollback.core.features.FeatureRepoException;
import dev.rollback.core.features.FeatureRepoException.Kind;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Finds git and dvc before anything runs, so a missing tool is named with the config key that fixes it. */
final class Executables {

    private Executables() {
    }

    /**
     * @param binary    a path ("/opt/dvc/bin/dvc") or a bare name looked up on the PATH of {@code env}
     * @param configKey the rollback.yaml key that sets it, e.g. "services.<service>.features.dvc"
     * @param install   what to do when a bare name is not found, e.g. "install DVC (pip install dvc)"
     */
    static String resolve(String binary, Map<String, String> env, String configKey, String install) {
        if (binary.contains("/")) {
            Path p = Path.of(binary);
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new FeatureRepoException(Kind.TOOL_MISSING, binary + " does not exist or is not executable; fix "
                        + configKey);
            }
            return p.toAbsolutePath().toString();
        }
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, binary);
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new FeatureRepoException(Kind.TOOL_MISSING, binary + " not found on PATH; " + install + " or set "
                + configKey + " to its path");
    }
}
