package dev.rollback.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The typed view of {@code services.<name>.serving}: a Kubernetes Deployment and where in it the
 * model reference lives. Exactly one of (container + env), annotation, (configMap + key) is set.
 *
 * @param reference   how serving names a model version: {@code {model}}, {@code {version}}, {@code {source}}
 * @param kubeconfig  null = $KUBECONFIG or ~/.kube/config, as kubectl
 * @param context     null = the kubeconfig's current context
 */
public record ServingConfig(String kind, String namespace, String name, String container, String env,
        String annotation, String configMap, String configMapKey, String reference, Path kubeconfig, String context,
        String lockNamespace) {

    public static final String DEFAULT_REFERENCE = "models:/{model}/{version}";
    private static final Set<String> KEYS = new TreeSet<>(Set.of("kind", "namespace", "name", "modelRef",
            "reference", "kubeconfig", "context", "lockNamespace"));
    private static final Set<String> REF_KEYS = new TreeSet<>(Set.of("container", "env", "annotation", "configMap",
            "key"));

    /** Validates and binds one service's serving map; problems are added to {@code problems}. */
    static ServingConfig from(Path file, String path, Map<String, Object> map, List<ConfigProblem> problems) {
        if (map.isEmpty()) {
            return null;
        }
        List<String> found = new ArrayList<>();
        unknownKeys(file, path, map, KEYS, problems);
        String kind = string(map, "kind", "deployment");
        if (!"deployment".equals(kind)) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".kind", "unsupported serving kind '" + kind
                    + "'; supported: deployment"));
        }
        String namespace = required(file, path, map, "namespace", problems);
        String name = required(file, path, map, "name", problems);
        Object ref = map.get("modelRef");
        Map<String, Object> refMap = ref instanceof Map<?, ?> m ? cast(m) : Map.of();
        if (!(ref instanceof Map<?, ?>)) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".modelRef",
                    "required: {container, env}, {annotation} or {configMap, key}"));
        }
        unknownKeys(file, path + ".modelRef", refMap, REF_KEYS, problems);
        String container = string(refMap, "container", null);
        String env = string(refMap, "env", null);
        String annotation = string(refMap, "annotation", null);
        String configMap = string(refMap, "configMap", null);
        String key = string(refMap, "key", null);
        if (env != null || container != null) {
            found.add("container/env");
        }
        if (annotation != null) {
            found.add("annotation");
        }
        if (configMap != null || key != null) {
            found.add("configMap/key");
        }
        boolean complete = (container != null && env != null) || annotation != null || (configMap != null && key != null);
        if (ref instanceof Map<?, ?> && (found.size() != 1 || !complete)) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".modelRef", "set exactly one of {container, env}, "
                    + "{annotation} or {configMap, key}" + (found.isEmpty() ? "" : "; got " + String.join(" + ", found))));
        }
        String reference = string(map, "reference", DEFAULT_REFERENCE);
        if (!reference.contains("{version}") && !reference.contains("{source}")) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".reference",
                    "must contain {version} or {source}, e.g. " + DEFAULT_REFERENCE));
        }
        String kubeconfig = string(map, "kubeconfig", null);
        Path kubeconfigPath = kubeconfig == null ? null
                : file == null || Path.of(kubeconfig).isAbsolute() ? Path.of(kubeconfig)
                        : file.toAbsolutePath().getParent().resolve(kubeconfig).normalize();
        return new ServingConfig(kind, namespace, name, container, env, annotation, configMap, key, reference,
                kubeconfigPath, string(map, "context", null), string(map, "lockNamespace", namespace));
    }

    private static void unknownKeys(Path file, String path, Map<String, Object> map, Set<String> allowed,
            List<ConfigProblem> problems) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                problems.add(new ConfigProblem(file, 0, 0, path + "." + key, "unknown key; "
                        + Suggestions.closest(key, allowed).map(s -> "did you mean '" + s + "'?")
                                .orElse("valid keys: " + String.join(", ", allowed))));
            }
        }
    }

    private static String required(Path file, String path, Map<String, Object> map, String key,
            List<ConfigProblem> problems) {
        String value = string(map, key, null);
        if (value == null) {
            problems.add(new ConfigProblem(file, 0, 0, path + "." + key, "required"));
        }
        return value;
    }

    private static String string(Map<String, Object> map, String key, String defaultValue) {
        Object value = map.get(key);
        return value == null || value.toString().isBlank() ? defaultValue : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    public String describeLocation() {
        if (annotation != null) {
            return "annotation " + annotation;
        }
        return configMap != null ? "ConfigMap " + configMap + " key " + configMapKey
                : "container " + container + " env " + env;
    }
}
