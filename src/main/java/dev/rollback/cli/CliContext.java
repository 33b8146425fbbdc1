package dev.rollback.cli;

import dev.rollback.adapters.kubernetes.RequestCountingInterceptor;
import dev.rollback.adapters.registry.RegistryProvider;
import dev.rollback.config.ConfigLoader;
import dev.rollback.config.ConfigLocator;
import dev.rollback.config.RegistryConfig;
import dev.rollback.config.RollbackConfig;
import dev.rollback.config.ServiceConfig;
import dev.rollback.config.Suggestions;
import dev.rollback.core.registry.ModelRegistry;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything one invocation needs, passed explicitly (no global state): environment, working
 * directory, output writers, the global options, and the lazily loaded config and adapters.
 * Adapters are created on first use, so {@code --help} never pays for an HTTP client.
 */
public final class CliContext {

    private final Map<String, String> env;
    private final Path cwd;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean interactive;
    private final java.io.BufferedReader in;
    private final Map<String, ModelRegistry> registries = new ConcurrentHashMap<>();
    private final Map<String, io.fabric8.kubernetes.client.KubernetesClient> kubernetes = new ConcurrentHashMap<>();

    private OutputFormat output = OutputFormat.table;
    private Path configFlag;
    private boolean verbose;
    private boolean noColor;
    private RollbackConfig config;
    private final RoundTrips roundTrips = new RoundTrips();
    private final java.time.Instant startedAt;

    public CliContext(Map<String, String> env, Path cwd, java.io.BufferedReader in, PrintWriter out, PrintWriter err,
            boolean interactive) {
        this.env = Map.copyOf(env);
        this.in = in;
        this.cwd = cwd;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.startedAt = java.time.Instant.now();
    }

    /** When this command started (after JVM start-up and argument parsing's class loading). */
    java.time.Instant startedAt() {
        return startedAt;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** True when a person is at a terminal: prompts and live progress lines make sense. */
    public boolean interactive() {
        return interactive;
    }

    public java.io.BufferedReader in() {
        return in;
    }

    public Path cwd() {
        return cwd;
    }

    public Map<String, String> env() {
        return env;
    }

    public OutputFormat output() {
        return output;
    }

    public boolean verbose() {
        return verbose;
    }

    /** Colors only for people: a terminal, table output, and neither NO_COLOR nor --no-color. */
    public boolean colors() {
        return interactive && output == OutputFormat.table && !noColor && !env.containsKey("NO_COLOR");
    }

    void setOutput(OutputFormat output) {
        this.output = output;
    }

    void setConfigFlag(Path configFlag) {
        this.configFlag = configFlag;
    }

    void setVerbose(boolean verbose) {
        this.verbose = verbose;
    }

    void setNoColor(boolean noColor) {
        this.noColor = noColor;
    }

    public synchronized RollbackConfig config() {
        if (config == null) {
            Path file = ConfigLocator.locate(configFlag == null ? null : cwd.resolve(configFlag), env, cwd);
            config = ConfigLoader.load(file, env);
        }
        return config;
    }

    /** The config file in use, once it has been loaded. */
    public synchronized java.util.Optional<Path> configSource() {
        return java.util.Optional.ofNullable(config).map(RollbackConfig::source);
    }

    /** The named services in the order given, or every configured service when none is named. */
    public List<ServiceConfig> services(List<String> names) {
        Map<String, ServiceConfig> known = config().services();
        if (names == null || names.isEmpty()) {
            return List.copyOf(known.values());
        }
        List<ServiceConfig> selected = new ArrayList<>();
        for (String name : names) {
            ServiceConfig service = known.get(name);
            if (service == null) {
                throw unknownService(name, known.keySet());
            }
            selected.add(service);
        }
        return selected;
    }

    public ServiceConfig service(String name) {
        return services(List.of(name)).get(0);
    }

    /** The service's registry adapter, one instance per configured registry. */
    public ModelRegistry registryFor(ServiceConfig service) {
        return registries.computeIfAbsent(service.registry(), name -> {
            RegistryConfig registry = config().registries().get(name);
            ModelRegistry created = RegistryProvider.create(registry, env);
            roundTrips.track("registry", created);
            return created;
        });
    }

    /** One client per (kubeconfig, context), created on first use: start-up never pays for it otherwise. */
    public io.fabric8.kubernetes.client.KubernetesClient kubernetes(Path kubeconfig, String context) {
        return kubernetes.computeIfAbsent(kubeconfig + "|" + context, k -> {
            RequestCountingInterceptor counter = new RequestCountingInterceptor();
            roundTrips.track("kubernetes", counter);
            return Wiring.newKubernetesClient(kubeconfig, context, env, counter);
        });
    }

    /** The round trips made so far, per backend. */
    RoundTrips roundTrips() {
        return roundTrips;
    }

    private CliException unknownService(String name, java.util.Set<String> known) {
        String hint = Suggestions.closest(name, known).map(c -> "did you mean '" + c + "'? ").orElse("");
        return new CliException(ExitCode.USAGE, "unknown service '" + name + "'; " + hint + "known services: "
                + String.join(", ", known) + " (from " + config().source() + ")");
    }
}
