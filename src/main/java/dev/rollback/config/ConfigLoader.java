package dev.rollback.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads, validates and binds rollback.yaml. Every failure is a {@link ConfigException} listing all problems. */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static RollbackConfig load(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw single(file, "file not found");
        } catch (MalformedInputException e) {
            throw single(file, "the file is not valid UTF-8");
        } catch (IOException e) {
            throw single(file, "cannot read the file: " + e);
        }
        return parse(text, file, env);
    }

    /** @param sourceForMessages the file name shown in problems (may be null); also the base for relative paths. */
    public static RollbackConfig parse(String yamlText, Path sourceForMessages, Map<String, String> env) {
        String text = yamlText.startsWith("\uFEFF") ? yamlText.substring(1) : yamlText; // editors on Windows add a BOM
        YamlNode root;
        try {
            root = YamlReader.read(text);
        } catch (YamlReader.SyntaxError e) {
            throw new ConfigException(new ConfigProblem(sourceForMessages, e.line, e.column, "",
                    "invalid YAML: " + e.getMessage()));
        }
        if (root == null || (root instanceof YamlNode.Scalar s && s.text() == null)) {
            throw single(sourceForMessages, "the file is empty");
        }
        RollbackConfig config = ConfigBinder.bind(root, sourceForMessages, env == null ? Map.of() : env);
        // The serving, features, ci, metrics and drill sections are checked after binding, on its plain values (so without line numbers).
        List<ConfigProblem> problems = new ArrayList<>();
        for (ServiceConfig service : config.services().values()) {
            String path = "services." + service.name();
            ServingConfig.from(sourceForMessages, path + ".serving", service.serving(), problems);
            FeaturesConfig.from(sourceForMessages, path + ".features", service.features(), problems);
            CiConfig.from(sourceForMessages, path + ".ci", service.ci(), problems);
            MetricsConfig.from(sourceForMessages, path + ".metrics", service.metrics(),
                    service.model() == null ? null : service.model().primaryMetric(), problems);
            DrillConfig.from(sourceForMessages, path + ".drill", service.drill(), problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private static ConfigException single(Path file, String message) {
        return new ConfigException(new ConfigProblem(file, 0, 0, "", message));
    }
}
