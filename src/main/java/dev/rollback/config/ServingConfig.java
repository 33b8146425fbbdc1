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
 * The typed view of {@code services.<name>.serving}: the serving object and where in it the model
 * reference lives.
 * <ul>
 *   <li>{@code deployment} (apps/v1 Deployment) and {@code argo-rollout} (argoproj.io/v1alpha1 Rollout):
 *       {@code modelRef} is exactly one of (container + env), annotation, (configMap + key);</li>
 *   <li>{@code helm}: {@code name} is the release; {@code modelRef.value} optionally names the chart value
 *       that holds the model reference (dotted path, e.g. {@code model.uri}); {@code helm} the binary;</li>
 *   <li>{@code kserve} (serving.kserve.io/v1beta1 InferenceService): the reference is the predictor's
 *       {@code storageUri}; no modelRef.</li>
 * </ul>
 *
 * @param helmValue   helm only: dotted path of the chart value holding the model reference, or null
 * @param helmBinary  helm only: the helm executable ("helm" = from PATH)
 * @param reference   how serving names a model version: {@code {model}}, {@code {version}}, {@code {source}}
 * @param kubeconfig  null = $KUBECONFIG or ~/.kube/config, as kubectl
 * @param context     null = the kubeconfig's current context
 */
public record ServingConfig(String kind, String namespace, String name, String container, String env,
        String annotation, String configMap, String configMapKey, String helmValue, String helmBinary,
        String reference, Path kubeconfig, String context, String lockNamespace) {

    public static final String DEPLOYMENT = "deployment";
    public static final String HELM = "helm";
    public static final String ARGO_ROLLOUT = "argo-rollout";
    public static final String KSERVE = "kserve";
    public static final List<String> KINDS = List.of(DEPLOYMENT, HELM, ARGO_ROLLOUT, KSERVE);
    public static final String DEFAULT_REFERENCE = "models:/{model}/{version}";
    private static final Set<String> KEYS = new TreeSet<>(Set.of("kind", "namespace", "name", "modelRef",
            "reference", "kubeconfig", "context", "lockNamespace", "helm"));
    private static final Set<String> TEMPLATE_REF_KEYS = new TreeSet<>(Set.of("container", "env", "annotation",
            "configMap", "key"));
    private static final Set<String> HELM_REF_KEYS = Set.of("value");

    /** Validates and binds one service's serving map; problems are added to {@code problems}. */
    static ServingConfig from(Path file, String path, Map<String, Object> map, List<ConfigProblem> problems) {
        if (map.isEmpty()) {
            return null;
        }
        unknownKeys(file, path, map, KEYS, problems);
        String kind = string(map, "kind", DEPLOYMENT);
        if (!KINDS.contains(kind)) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".kind", "unsupported serving kind '" + kind
                    + "'; supported: " + String.join(", ", KINDS)
                    + Suggestions.closest(kind, new TreeSet<>(KINDS)).map(k -> " (did you mean '" + k + "'?)").orElse("")));
        }
        String namespace = required(file, path, map, "namespace", problems);
        String name = required(file, path, map, "name", problems);
        Object ref = map.get("modelRef");
        Map<String, Object> refMap = ref instanceof Map<?, ?> m ? cast(m) : Map.of();
        if (ref != null && !(ref instanceof Map<?, ?>)) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".modelRef", "must be a mapping"));
        }
        String helmBinary = string(map, "helm", null);
        if (helmBinary != null && !HELM.equals(kind)) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".helm", "only for kind: helm"));
        }
        if (HELM.equals(kind)) {
            unknownKeys(file, path + ".modelRef", refMap, HELM_REF_KEYS, problems);
        } else if (KSERVE.equals(kind)) {
            if (ref != null) {
                problems.add(new ConfigProblem(file, 0, 0, path + ".modelRef", "not used for kind: kserve "
                        + "(the model reference is the predictor's storageUri); remove it"));
            }
        } else {
            templateReference(file, path, ref, refMap, problems);
            if (ARGO_ROLLOUT.equals(kind) && refMap.containsKey("configMap")) {
                problems.add(new ConfigProblem(file, 0, 0, path + ".modelRef.configMap", "not supported for kind: "
                        + "argo-rollout yet; use {container, env} or {annotation}"));
            }
        }
        String reference = string(map, "reference", DEFAULT_REFERENCE);
        if (!reference.contains("{version}") && !reference.contains("{source}")) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".reference",
                    "must contain {version} or {source}, e.g. " + DEFAULT_REFERENCE));
        }
        Path kubeconfigPath = SectionMaps.path(file, string(map, "kubeconfig", null));
        return new ServingConfig(kind, namespace, name, string(refMap, "container", null), string(refMap, "env", null),
                string(refMap, "annotation", null), string(refMap, "configMap", null), string(refMap, "key", null),
                string(refMap, "value", null), helmBinary == null ? "helm" : helmBinary, reference,
                kubeconfigPath, string(map, "context", null), string(map, "lockNamespace", namespace));
    }

    /** Deployment and Rollout: exactly one place in the pod template (or a ConfigMap it reads). */
    private static void templateReference(Path file, String path, Object ref, Map<String, Object> refMap,
            List<ConfigProblem> problems) {
        if (ref == null) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".modelRef",
                    "required: {container, env}, {annotation} or {configMap, key}"));
            return;
        }
        unknownKeys(file, path + ".modelRef", refMap, TEMPLATE_REF_KEYS, problems);
        String container = string(refMap, "container", null);
        String env = string(refMap, "env", null);
        String annotation = string(refMap, "annotation", null);
        String configMap = string(refMap, "configMap", null);
        String key = string(refMap, "key", null);
        List<String> found = new ArrayList<>();
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
    }

    private static String required(Path file, String path, Map<String, Object> map, String key,
            List<ConfigProblem> problems) {
        String value = string(map, key, null);
        if (value == null) {
            problems.add(new ConfigProblem(file, 0, 0, path + "." + key, "required"));
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    public String describeLocation() {
        if (KSERVE.equals(kind)) {
            return "predictor storageUri";
        }
        if (HELM.equals(kind)) {
            return helmValue == null ? "(none configured)" : "value " + helmValue;
        }
        if (annotation != null) {
            return "annotation " + annotation;
        }
        return configMap != null ? "ConfigMap " + configMap + " key " + configMapKey
                : "container " + container + " env " + env;
    }
}
