package dev.rollback.cli;

import dev.rollback.adapters.ci.CiSystems;
import dev.rollback.adapters.features.git.GitDvcPipeline;
import dev.rollback.adapters.journal.FileJournalStore;
import dev.rollback.adapters.journal.MirroredJournalStore;
import dev.rollback.adapters.kubernetes.KubernetesClients;
import dev.rollback.adapters.kubernetes.RequestCountingInterceptor;
import dev.rollback.adapters.lock.file.FileLockManager;
import dev.rollback.adapters.lock.kubernetes.LeaseLockManager;
import dev.rollback.adapters.s3.S3ArtifactStore;
import dev.rollback.adapters.s3.S3JournalMirror;
import dev.rollback.adapters.s3.S3Settings;
import dev.rollback.config.CiConfig;
import dev.rollback.config.FeaturesConfig;
import dev.rollback.config.S3Config;
import dev.rollback.config.ServiceConfig;
import dev.rollback.config.ServingConfig;
import dev.rollback.core.artifacts.ArtifactStore;
import dev.rollback.core.features.FeaturePipeline;
import dev.rollback.core.features.FeatureSteps;
import dev.rollback.core.infra.InfraSteps;
import dev.rollback.core.infra.ServingPlatform;
import dev.rollback.core.journal.JournalStore;
import dev.rollback.core.lock.LockManager;
import dev.rollback.core.model.ModelRollbackService;
import dev.rollback.core.model.ModelSteps;
import dev.rollback.core.plan.RollbackRunner;
import dev.rollback.core.plan.StepFactory;
import dev.rollback.core.retrain.CiSystem;
import dev.rollback.core.retrain.RetrainSteps;
import dev.rollback.core.serving.ServingBinding;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the adapters one command needs for one service, only when it needs them: a Kubernetes
 * client only for services with serving, an S3 client only when an s3:// artifact is checked.
 */
final class Wiring {

    static final Duration KUBERNETES_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MIRROR_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MIRROR_READ_TIMEOUT = Duration.ofSeconds(5);

    private Wiring() {
    }

    /**
     * The adapters for one service. Serving, its platform and the cluster lock exist only when serving is
     * configured; the binding (where the model reference lives) only for kinds that have one.
     */
    record Adapters(Optional<ServingBinding> serving, Optional<ServingPlatform> platform,
            Optional<ArtifactStore> artifacts, LockManager locks) {
    }

    /**
     * Everything one rollback of one service needs: its adapters, the runner over lock and journal, and the
     * feature repository and CI client, opened on first use and then shared by the command and its steps.
     */
    record Rollback(ServiceConfig service, Adapters adapters, RollbackRunner runner, Supplier<FeaturePipeline> features,
            Supplier<CiSystem> ci) {

        ModelRollbackService model(CliContext ctx) {
            return new ModelRollbackService(service, ctx.registryFor(service), adapters.serving(), adapters.artifacts(),
                    adapters.platform(), runner);
        }
    }

    static Adapters adapters(CliContext ctx, ServiceConfig service, String contextFlag) {
        ServingConfig serving = service.servingConfig();
        String context = serving == null ? null : contextFlag != null ? contextFlag : serving.context();
        Path kubeconfig = serving == null ? null : relativeToConfig(ctx, serving.kubeconfig());
        Optional<KubernetesClient> client = Optional.ofNullable(serving).map(s -> ctx.kubernetes(kubeconfig, context));
        Optional<ServingBinding> binding = client.flatMap(c -> ServingAdapters.binding(c, serving));
        Optional<ServingPlatform> platform = client.map(c -> ServingAdapters.platform(c, service.name(), serving, kubeconfig, context,
                ctx.env()));
        LockManager locks = client.<LockManager>map(c -> new LeaseLockManager(c, serving.lockNamespace(), Clock.systemUTC()))
                .orElseGet(() -> new FileLockManager(stateDir(ctx.env()).resolve("locks"), Clock.systemUTC()));
        S3ArtifactStore artifacts = S3ArtifactStore.create(s3Settings(ctx), ctx.env());
        ctx.roundTrips().track("s3", artifacts);
        return new Adapters(binding, platform, Optional.of(artifacts), locks);
    }

    /** The Kubernetes client of the service's serving cluster (serving must be configured). */
    static KubernetesClient platformClient(CliContext ctx, ServiceConfig service, String contextFlag) {
        ServingConfig serving = service.servingConfig();
        String context = contextFlag != null ? contextFlag : serving.context();
        return ctx.kubernetes(relativeToConfig(ctx, serving.kubeconfig()), context);
    }

    /** The serving platform alone (for status): no S3, lock or journal. Empty when serving is not configured. */
    static Optional<ServingPlatform> platform(CliContext ctx, ServiceConfig service) {
        ServingConfig serving = service.servingConfig();
        if (serving == null) {
            return Optional.empty();
        }
        Path kubeconfig = relativeToConfig(ctx, serving.kubeconfig());
        return Optional.of(ServingAdapters.platform(ctx.kubernetes(kubeconfig, serving.context()), service.name(), serving, kubeconfig,
                serving.context(), ctx.env()));
    }

    static Rollback rollback(CliContext ctx, ServiceConfig service, String contextFlag) {
        Adapters a = adapters(ctx, service, contextFlag);
        // Every step kind a journal of this service may hold, so resume and abort can rebuild any plan; the
        // repository and the CI client are opened only if a step needs them.
        Supplier<FeaturePipeline> features = once(() -> featurePipeline(ctx, service));
        Supplier<CiSystem> ci = once(() -> ci(ctx, service));
        StepFactory steps = new RetrainSteps(ci, new FeatureSteps(features,
                new InfraSteps(a.platform(), new ModelSteps(ctx.registryFor(service), a.serving()))));
        return new Rollback(service, a, new RollbackRunner(service.name(), a.locks(), journals(ctx), steps,
                Clock.systemUTC(), lockTtl(ctx.env())), features, ci);
    }

    /** Built on first use, then the same one: every step of a run shares one repository or CI client. */
    private static <T> Supplier<T> once(Supplier<T> create) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = create.get();
                }
                return value;
            }
        };
    }

    /** The feature pipeline's repository (cloned first when rollback.yaml gives a url and it is missing). */
    private static FeaturePipeline featurePipeline(CliContext ctx, ServiceConfig service) {
        FeaturesConfig features = service.featuresConfig();
        if (features == null) {
            throw new CliException(ExitCode.CONFIG, "service " + service.name() + " has no features section in "
                    + "rollback.yaml, so there is no feature pipeline to roll back; add one (README: Configuration, "
                    + "services.<name>.features)");
        }
        return GitDvcPipeline.open(features, relativeToConfig(ctx, features.repo()), ctx.env());
    }

    /** The CI system that retrains the service's model. */
    private static CiSystem ci(CliContext ctx, ServiceConfig service) {
        CiConfig ci = service.ciConfig();
        if (ci == null) {
            throw new CliException(ExitCode.CONFIG, "service " + service.name() + " has no ci section in rollback.yaml, "
                    + "so there is no pipeline to retrain it with; add one (README: Configuration, services.<name>.ci)");
        }
        return CiSystems.create(ci, ctx.env(), ctx.configSource().map(f -> f.toAbsolutePath().getParent()).orElse(null));
    }

    /** The state directory's journals; mirrored when rollback.yaml names a journal mirror. */
    static JournalStore journals(CliContext ctx) {
        FileJournalStore local = new FileJournalStore(stateDir(ctx.env()).resolve("journal"));
        URI mirror = ctx.config().journal().mirror();
        if (mirror == null) {
            return local;
        }
        // One attempt, short timeouts: the mirror is a convenience for the team, never worth holding up a rollback.
        S3JournalMirror s3 = new S3JournalMirror(mirror.toString(), s3Settings(ctx).withMaxAttempts(1)
                .withTimeouts(MIRROR_CONNECT_TIMEOUT, MIRROR_READ_TIMEOUT), ctx.env());
        ctx.roundTrips().track("s3 journal mirror", s3);
        return new MirroredJournalStore(local, s3, warning -> ctx.err().println("warning: " + warning));
    }

    /** rollback.yaml's s3 section; what it leaves out comes from the environment, as the AWS CLI does. */
    private static S3Settings s3Settings(CliContext ctx) {
        S3Config s3 = ctx.config().s3();
        return S3Settings.defaults().withEndpoint(s3.endpoint()).withRegion(s3.region()).withPathStyle(s3.pathStyle())
                .withCredentialEnv(s3.accessKeyEnv(), s3.secretKeyEnv(), s3.sessionTokenEnv());
    }

    static String referenceTemplate(ServiceConfig service) {
        ServingConfig serving = service.servingConfig();
        return serving == null ? ServingConfig.DEFAULT_REFERENCE : serving.reference();
    }

    /** A relative path in rollback.yaml (kubeconfig, repository) means the same file whatever the working directory. */
    private static Path relativeToConfig(CliContext ctx, Path kubeconfig) {
        if (kubeconfig == null || kubeconfig.isAbsolute()) {
            return kubeconfig;
        }
        return ctx.configSource().map(f -> f.toAbsolutePath().getParent().resolve(kubeconfig).normalize())
                .orElse(kubeconfig);
    }

    /** $ROLLBACK_STATE_DIR, else $XDG_STATE_HOME/rollback, else ~/.local/state/rollback (XDG base directories). */
    static Path stateDir(Map<String, String> env) {
        String explicit = env.get("ROLLBACK_STATE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "rollback");
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state", "rollback");
    }

    /** Tests shorten it (ROLLBACK_LOCK_TTL_SECONDS) so a killed run's lock expires quickly. */
    private static Duration lockTtl(Map<String, String> env) {
        String seconds = env.get("ROLLBACK_LOCK_TTL_SECONDS");
        return seconds == null ? RollbackRunner.DEFAULT_LOCK_TTL : Duration.ofSeconds(Long.parseLong(seconds));
    }

    static Duration kubernetesTimeout() {
        return KUBERNETES_TIMEOUT;
    }

    static KubernetesClient newKubernetesClient(Path kubeconfig, String context, Map<String, String> env,
            RequestCountingInterceptor counter) {
        return KubernetesClients.create(kubeconfig, context, KUBERNETES_TIMEOUT, env, counter);
    }
}
