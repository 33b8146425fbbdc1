package dev.rollback.adapters.kubernetes;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the fabric8 client the way kubectl users expect. Call it only when a command really talks to
 * Kubernetes: building the client costs most of a second of start-up.
 *
 * <p>Kubeconfig: the argument, else every existing file of {@code $KUBECONFIG} (split on ':' and merged like
 * kubectl: contexts from all files, current-context from the first file that sets one), else
 * {@code ~/.kube/config}; when none exists and we run in a pod, the pod's service account. Context: the
 * argument, else current-context. We resolve files and context ourselves (fabric8's own auto-configuration reads
 * the real environment and system properties, and silently falls back to current-context when the asked
 * context does not exist, which would roll back the wrong cluster).
 */
public final class KubernetesClients {

    static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private KubernetesClients() {
    }

    public static KubernetesClient create(Path kubeconfig, String context, Duration requestTimeout) {
        return create(kubeconfig, context, requestTimeout, System.getenv());
    }

    public static KubernetesClient create(Path kubeconfig, String context, Duration requestTimeout,
            Map<String, String> env) {
        return create(kubeconfig, context, requestTimeout, env, new RequestCountingInterceptor());
    }

    /** As above, every request counted by {@code counter}. */
    public static KubernetesClient create(Path kubeconfig, String context, Duration requestTimeout,
            Map<String, String> env, RequestCountingInterceptor counter) {
        return new KubernetesClientBuilder()
                .withConfig(config(kubeconfig, context, requestTimeout, env, SERVICE_ACCOUNT_DIR))
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("rollback-request-count", counter))
                .build();
    }

    static Config config(Path kubeconfig, String context, Duration requestTimeout, Map<String, String> env,
            Path serviceAccountDir) {
        List<Path> files = kubeconfigFiles(kubeconfig, env);
        Config config = files.isEmpty() ? inCluster(context, env, serviceAccountDir) : fromFiles(files, context);
        int millis = (int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis());
        config.setRequestTimeout(millis);
        config.setConnectionTimeout(millis);
        // fabric8 retries connection errors and 5xx up to 10 times with doubling back-off (~100 s):
        // an on-call CLI should fail fast on an unreachable cluster instead.
        config.setRequestRetryBackoffLimit(1);
        if (config.getHttpProxy() == null && config.getHttpsProxy() == null) {
            // Config.empty() ignores the environment; kubectl honours these, so do we.
            config.setHttpsProxy(first(env, "HTTPS_PROXY", "https_proxy"));
            config.setHttpProxy(first(env, "HTTP_PROXY", "http_proxy"));
            String noProxy = first(env, "NO_PROXY", "no_proxy");
            if (noProxy != null) {
                config.setNoProxy(noProxy.split(","));
            }
        }
        return config;
    }

    private static List<Path> kubeconfigFiles(Path kubeconfig, Map<String, String> env) {
        if (kubeconfig != null) {
            if (!Files.isRegularFile(kubeconfig)) {
                throw new KubernetesConfigException("kubeconfig file " + kubeconfig + " does not exist");
            }
            return List.of(kubeconfig);
        }
        String list = env.get("KUBECONFIG");
        if (list != null && !list.isBlank()) {
            List<Path> existing = new ArrayList<>();
            for (String entry : list.split(File.pathSeparator)) {
                if (!entry.isBlank() && Files.isRegularFile(Path.of(entry))) {
                    existing.add(Path.of(entry));
                }
            }
            if (existing.isEmpty()) {
                throw new KubernetesConfigException("none of the kubeconfig files in $KUBECONFIG exists: " + list);
            }
            return existing;
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path fallback = Path.of(home, ".kube", "config");
        return Files.isRegularFile(fallback) ? List.of(fallback) : List.of();
    }

    private static Config fromFiles(List<Path> files, String context) {
        List<io.fabric8.kubernetes.api.model.Config> parsed = new ArrayList<>();
        Set<String> available = new LinkedHashSet<>();
        String current = null;
        for (Path file : files) {
            io.fabric8.kubernetes.api.model.Config one;
            try {
                one = KubeConfigUtils.parseConfig(file.toFile());
            } catch (RuntimeException e) {
                throw new KubernetesConfigException("kubeconfig file " + file + " is not a valid kubeconfig", e);
            }
            parsed.add(one);
            if (one.getContexts() != null) {
                one.getContexts().stream().map(NamedContext::getName).forEach(available::add);
            }
            if (current == null && one.getCurrentContext() != null && !one.getCurrentContext().isBlank()) {
                current = one.getCurrentContext();
            }
        }
        String where = files.size() == 1 ? files.get(0).toString() : files.toString();
        String chosen = context != null ? context : current;
        if (chosen == null) {
            throw new KubernetesConfigException("kubeconfig " + where
                    + " sets no current-context: pass --context (available contexts: " + names(available) + ")");
        }
        if (!available.contains(chosen)) {
            throw new KubernetesConfigException((context != null ? "context " : "current-context ") + chosen
                    + " not found in kubeconfig " + where + "; available contexts: " + names(available));
        }
        Config config = Config.empty();
        KubeConfigUtils.merge(config, chosen, parsed.toArray(io.fabric8.kubernetes.api.model.Config[]::new));
        if (config.getMasterUrl() == null) {
            throw new KubernetesConfigException("context " + chosen + " in kubeconfig " + where
                    + " names no cluster with a server address");
        }
        return config;
    }

    /** A pod's service account, as client-go's in-cluster config: token re-read per request (it rotates). */
    private static Config inCluster(String context, Map<String, String> env, Path serviceAccountDir) {
        String host = env.get("KUBERNETES_SERVICE_HOST");
        Path token = serviceAccountDir.resolve("token");
        if (host == null || !Files.isRegularFile(token) || context != null) {
            throw new KubernetesConfigException(context != null
                    ? "no kubeconfig found to look up context " + context + ": pass --kubeconfig or set $KUBECONFIG"
                    : "no kubeconfig found and not running in a pod: pass --kubeconfig, set $KUBECONFIG, "
                            + "or create ~/.kube/config");
        }
        String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "443");
        Config config = Config.empty();
        config.setMasterUrl("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/");
        Path ca = serviceAccountDir.resolve("ca.crt");
        if (Files.isRegularFile(ca)) {
            config.setCaCertFile(ca.toString());
        }
        config.setOauthTokenProvider(() -> read(token).strip());
        Path namespace = serviceAccountDir.resolve("namespace");
        if (Files.isRegularFile(namespace)) {
            config.setNamespace(read(namespace).strip());
        }
        return config;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String first(Map<String, String> env, String upper, String lower) {
        String value = env.get(upper);
        return value != null && !value.isBlank() ? value : env.get(lower);
    }

    private static String names(Set<String> contexts) {
        return contexts.isEmpty() ? "none" : String.join(", ", contexts);
    }
}
