package dev.rollback.core.status;

import dev.rollback.config.ServiceConfig;
import dev.rollback.core.AuditTags;
import dev.rollback.core.Concurrently;
import dev.rollback.core.Words;
import dev.rollback.core.infra.ServingPlatform;
import dev.rollback.core.infra.ServingState;
import dev.rollback.core.registry.ModelRegistry;
import dev.rollback.core.registry.ModelVersion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/** Answers "what is live right now, and what is wrong with it?" for one or many services. */
public final class StatusService {

    /** Enough to keep every service's registry calls in flight at once for typical fleets. */
    private static final int MAX_PARALLEL = 32;
    /** status must answer at 2 AM even if one cluster or helm hangs: that service's serving side is skipped. */
    private static final java.time.Duration SERVING_READ_TIMEOUT = java.time.Duration.ofSeconds(30);

    private StatusService() {
    }

    /**
     * Status of every service, queried concurrently, in the order given; for each, the registry and the
     * serving platform are read at the same time. A service whose registry fails gets a failed status; the
     * others are still reported. Serving that cannot be read is a warning, not a failure.
     */
    public static List<ServiceStatus> statusOf(List<ServiceConfig> services,
            Function<ServiceConfig, ModelRegistry> registries,
            Function<ServiceConfig, Optional<ServingPlatform>> servings) {
        return Concurrently.map(services, MAX_PARALLEL, "status", service -> statusOfOne(service, registries, servings));
    }

    private static ServiceStatus statusOfOne(ServiceConfig service, Function<ServiceConfig, ModelRegistry> registries,
            Function<ServiceConfig, Optional<ServingPlatform>> servings) {
        CompletableFuture<Optional<ServingState>> serving = service.servingConfig() == null
                ? CompletableFuture.completedFuture(Optional.empty())
                : CompletableFuture.supplyAsync(() -> servings.apply(service).map(ServingPlatform::read), ServingThreads.INSTANCE)
                        .orTimeout(SERVING_READ_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        ModelRegistry registry = null;
        ServiceStatus status;
        try {
            registry = registries.apply(service);
            status = evaluate(RegistryView.read(service, registry));
        } catch (RuntimeException e) {
            status = ServiceStatus.failed(service.name(), service.model().name(),
                    registry == null ? service.registry() : registry.location(), e);
        }
        try {
            Optional<ServingState> state = serving.join();
            return status.withServing(state, ServingChecks.warnings(service, status, state));
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String why = cause instanceof java.util.concurrent.TimeoutException
                    ? "no answer within " + SERVING_READ_TIMEOUT.toSeconds() + " s"
                    : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            return status.withServing(Optional.empty(), List.of(new StatusWarning(StatusWarning.Code.SERVING_UNREADABLE,
                    "serving not checked: " + why)));
        }
    }

    /** Pure evaluation of one registry snapshot: the live version and every warning. */
    public static ServiceStatus evaluate(RegistryView view) {
        ServiceConfig service = view.service();
        Optional<LiveVersion> live = resolveLive(view);
        List<ModelVersion> inStage = view.versionsInLiveStage();
        List<ModelVersion> baselines = view.healthyBaselines();
        List<StatusWarning> warnings = new ArrayList<>();
        String alias = service.live().alias();
        String stage = service.live().stage();

        if (live.isEmpty()) {
            warnings.add(new StatusWarning(StatusWarning.Code.NO_LIVE_VERSION, noLiveMessage(alias, stage)));
        }
        if (inStage.size() > 1) {
            List<String> numbers = inStage.stream().sorted(Comparator.comparingLong(ModelVersion::number))
                    .map(ModelVersion::version).toList();
            String which = live.map(l -> "; only v" + l.version().version() + " is live (" + l.knownBy() + ")")
                    .orElse("");
            warnings.add(new StatusWarning(StatusWarning.Code.SEVERAL_IN_STAGE,
                    "versions " + Words.joinAnd(numbers) + " are all in stage '" + stage + "'" + which
                            + "; archive the others so the stage names one version"));
        }
        Optional<ModelVersion> aliased = view.aliasVersion();
        if (aliased.isPresent() && !inStage.isEmpty() && !inStage.contains(aliased.get())) {
            warnings.add(new StatusWarning(StatusWarning.Code.ALIAS_STAGE_DISAGREE,
                    "alias '" + alias + "' points at v" + aliased.get().version() + " but stage '" + stage
                            + "' holds v" + inStage.get(0).version() + ": they disagree on what is live"));
        }
        if (baselines.isEmpty()) {
            warnings.add(new StatusWarning(StatusWarning.Code.NO_HEALTHY_BASELINE,
                    "no healthy baseline designated: no version is tagged " + service.baseline().tagKey() + "="
                            + service.baseline().tagValue() + "; tag a known-good version before you need it"));
        }
        live.map(LiveVersion::version)
                .filter(v -> v.hasTag(AuditTags.ROLE, AuditTags.ROLE_ROLLED_BACK_FROM))
                .ifPresent(v -> warnings.add(new StatusWarning(StatusWarning.Code.LIVE_ROLLED_BACK_FROM,
                        "live version v" + v.version() + " is tagged as rolled back from"
                                + v.tag(AuditTags.AT).map(at -> " at " + at).orElse("")
                                + v.tag(AuditTags.REASON).map(r -> " (reason: " + r + ")").orElse("")
                                + "; it was taken out of service before")));

        return new ServiceStatus(service.name(), service.model().name(), view.registryLocation(), live, baselines,
                inStage, List.copyOf(warnings), Optional.empty(), Optional.empty());
    }

    /**
     * The alias wins when it is set: it is what serving resolves. Without it, the newest version in
     * the live stage is the best guess (and {@code status} warns when the stage is ambiguous).
     */
    public static Optional<LiveVersion> resolveLive(RegistryView view) {
        String stage = view.service().live().stage();
        List<ModelVersion> inStage = view.versionsInLiveStage();
        Optional<ModelVersion> aliased = view.aliasVersion();
        if (aliased.isPresent()) {
            ModelVersion v = aliased.get();
            return Optional.of(new LiveVersion(v, view.service().live().alias(), inStage.contains(v) ? stage : null));
        }
        return inStage.stream().max(Comparator.comparingLong(ModelVersion::number))
                .map(v -> new LiveVersion(v, null, stage));
    }

    /**
     * A thread per serving read: the reads block on the network, and the common pool has one thread on a
     * 2-core machine, which would queue twenty services' reads one behind the other.
     */
    private enum ServingThreads implements java.util.concurrent.Executor {
        INSTANCE;

        @Override
        public void execute(Runnable command) {
            Thread thread = new Thread(command, "status-serving");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static String noLiveMessage(String alias, String stage) {
        List<String> why = new ArrayList<>();
        if (alias != null) {
            why.add("alias '" + alias + "' is not set");
        }
        if (stage != null) {
            why.add("no version is in stage '" + stage + "'");
        }
        return "no live version: " + String.join(" and ", why);
    }
}
