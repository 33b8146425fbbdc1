package dev.rollback.adapters.serving.helm;

import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the operator's own {@code helm} binary: we do not embed Helm, so the rollback uses exactly the Helm, kubeconfig
 * and credentials the operator's deploys use. The environment is the caller's map and is never logged or put in a
 * message (it may hold cloud credentials for exec-based kubeconfig auth).
 */
public final class HelmCli {

    static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

    private final String binary;
    private final String kubeContext;
    private final String kubeconfig;
    private final Map<String, String> env;
    private final String service;
    private final Duration callTimeout;
    private volatile HelmVersion version;

    /**
     * @param binary      path of the helm binary, or "helm" to look it up on the PATH of {@code env}
     * @param kubeContext {@code --kube-context}, null for the kubeconfig's current context
     * @param kubeconfig  {@code --kubeconfig}, null for Helm's default ($KUBECONFIG, ~/.kube/config)
     * @param env         the environment helm runs with (PATH, HOME, KUBECONFIG, cloud credentials, ...)
     * @param service     the service name from rollback.yaml, only for the "set services.X.serving.helm" hint
     * @param callTimeout how long a read (history, get manifest) may take before helm is killed
     */
    public HelmCli(String binary, String kubeContext, String kubeconfig, Map<String, String> env, String service,
            Duration callTimeout) {
        this.binary = binary == null || binary.isBlank() ? "helm" : binary;
        this.kubeContext = kubeContext;
        this.kubeconfig = kubeconfig;
        this.env = Map.copyOf(env);
        this.service = service == null || service.isBlank() ? "<svc>" : service;
        this.callTimeout = callTimeout;
    }

    public HelmCli(String binary, String kubeContext, String kubeconfig, Map<String, String> env, String service) {
        this(binary, kubeContext, kubeconfig, env, service, DEFAULT_CALL_TIMEOUT);
    }

    /** The Helm version, checked once; Helm 2 and unknown majors are refused before any release command runs. */
    public HelmVersion version() {
        HelmVersion v = version;
        if (v == null) {
            synchronized (this) {
                if (version == null) {
                    Result r = exec(List.of("version", "--template", "{{.Version}}"), callTimeout, null);
                    version = HelmVersion.check(r.exitCode() == 0 ? r.stdout() : "",
                            HelmErrors.firstMeaningfulLine(r.stderr(), r.exitCode()));
                }
                v = version;
            }
        }
        return v;
    }

    /** A read-only release command with the default timeout; a non-zero exit is a classified ServingException. */
    public String run(String namespace, List<String> args) {
        return run(namespace, args, callTimeout, null);
    }

    /**
     * Runs a release command. {@code waiting} is told the elapsed time about once a second while helm runs (for
     * {@code helm rollback --wait}); the process is killed after {@code timeout}.
     */
    public String run(String namespace, List<String> args, Duration timeout, Consumer<Duration> waiting) {
        version();
        List<String> all = new ArrayList<>(args);
        all.add("--namespace");
        all.add(namespace);
        if (kubeContext != null && !kubeContext.isBlank()) {
            all.add("--kube-context");
            all.add(kubeContext);
        }
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            all.add("--kubeconfig");
            all.add(kubeconfig);
        }
        Result r = exec(all, timeout, waiting);
        if (r.exitCode() != 0) {
            throw HelmErrors.classify(commandWords(args) + " (namespace " + namespace + ")",
                    HelmErrors.firstMeaningfulLine(r.stderr(), r.exitCode()));
        }
        return r.stdout();
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    private Result exec(List<String> args, Duration timeout, Consumer<Duration> waiting) {
        List<String> command = new ArrayList<>();
        command.add(resolveBinary());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ServingException(Kind.NOT_FOUND, "could not start " + command.get(0) + ": " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close(); // helm never reads stdin here; a closed stdin keeps a prompt from hanging it
        } catch (IOException ignored) {
            // nothing to close
        }
        // Both pipes are drained concurrently: helm can fill the stderr pipe while we wait on stdout, and vice versa.
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        long start = System.nanoTime();
        try {
            while (!p.waitFor(1, TimeUnit.SECONDS)) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                if (elapsed.compareTo(timeout) >= 0) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    throw new ServingException(Kind.UNREACHABLE, commandWords(args) + " did not finish within "
                            + GoDuration.format(timeout) + "; helm was stopped" + (args.get(0).equals("rollback")
                            ? " and the release may be left in pending-rollback (an undo with --fix-pending clears it)" : ""));
                }
                if (waiting != null) {
                    waiting.accept(elapsed);
                }
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ServingException(Kind.UNREACHABLE, commandWords(args) + " was interrupted", e);
        }
    }

    // A thread of its own per pipe, not the common pool: a blocked reader there could stall the other pipe's reader.
    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("");
            }
        }, "helm-output");
        t.setDaemon(true);
        t.start();
        return text;
    }

    /** "helm" means a PATH lookup in the environment helm gets, so a missing binary is named before anything runs. */
    String resolveBinary() {
        if (binary.contains("/")) {
            Path p = Path.of(binary);
            if (!Files.isExecutable(p)) {
                throw new ServingException(Kind.NOT_FOUND, "helm binary " + binary
                        + " does not exist or is not executable; fix services." + service + ".serving.helm");
            }
            return binary;
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary)) && !Files.isDirectory(Path.of(dir, binary))) {
                return Path.of(dir, binary).toString();
            }
        }
        throw new ServingException(Kind.NOT_FOUND, binary + " not found on PATH; install Helm 3 or set services."
                + service + ".serving.helm");
    }

    /** The subcommand and its positional arguments ("helm rollback recsys 5"): never flags, which may carry paths. */
    static String commandWords(List<String> args) {
        StringBuilder s = new StringBuilder("helm");
        for (String a : args) {
            if (a.startsWith("-")) {
                break;
            }
            s.append(' ').append(a);
        }
        return s.toString();
    }
}
