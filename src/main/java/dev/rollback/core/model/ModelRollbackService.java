package dev.rollback.core.model;

import dev.rollback.config.ServiceConfig;
import dev.rollback.core.artifacts.ArtifactStore;
import dev.rollback.core.infra.ServingPlatform;
import dev.rollback.core.infra.ServingRevision;
import dev.rollback.core.plan.Check;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.plan.RollbackRunner;
import dev.rollback.core.registry.ModelRegistry;
import dev.rollback.core.serving.ServingBinding;
import dev.rollback.core.status.RegistryView;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Plans a model rollback: reads the registry (and serving), resolves the target and runs every preflight
 * check. The {@link RollbackRunner} then runs the accepted plan under the lock with its journal.
 */
public final class ModelRollbackService {

    private static final Duration ADVICE_TIMEOUT = Duration.ofSeconds(3);

    private final ServiceConfig service;
    private final ModelRegistry registry;
    private final Optional<ServingBinding> serving;
    private final Optional<ArtifactStore> artifacts;
    private final Optional<ServingPlatform> platform;
    private final RollbackRunner runner;

    public ModelRollbackService(ServiceConfig service, ModelRegistry registry, Optional<ServingBinding> serving,
            Optional<ArtifactStore> artifacts, Optional<ServingPlatform> platform, RollbackRunner runner) {
        this.service = service;
        this.registry = registry;
        this.serving = serving;
        this.artifacts = artifacts;
        this.platform = platform;
        this.runner = runner;
    }

    public ModelRollbackPlan plan(ModelRollbackRequest request, String referenceTemplate) {
        // Serving history and GitOps ownership are only advice: read them alongside the registry on their own
        // threads (the common pool has one thread on 2 cores), give up after a few seconds, never fail over them.
        CompletableFuture<List<Check>> advice = platform.isEmpty() || request.registryOnly()
                ? CompletableFuture.completedFuture(List.of())
                : servingAdvice(platform.get());
        RegistryView view = RegistryView.read(service, registry);
        ModelRollbackPlan planned = ModelRollbackPlanner.plan(request, view,
                request.registryOnly() ? Optional.empty() : serving, artifacts, referenceTemplate);
        List<Check> checks = new ArrayList<>(planned.checks());
        runner.unfinished().forEach(why -> checks.add(Check.fail("unfinished", why)));
        checks.addAll(advice.join());
        return new ModelRollbackPlan(withServingNote(planned.plan(), request), planned.from(), planned.to(), checks);
    }

    /** A platform without a model-reference binding (Helm) is configured serving, not missing serving: say so. */
    private Plan withServingNote(Plan plan, ModelRollbackRequest request) {
        if (request.registryOnly() || serving.isPresent() || platform.isEmpty()) {
            return plan;
        }
        List<String> untouched = plan.untouched().stream().map(u -> !u.startsWith("serving (") ? u
                : "serving (" + platform.get().describe() + ": its model reference changes only with a new release; "
                        + "'rollback infra " + service.name() + "' rolls the release back)").toList();
        return new Plan(plan.id(), plan.kind(), plan.service(), plan.createdAt(), plan.by(), plan.reason(),
                plan.steps(), untouched);
    }

    private CompletableFuture<List<Check>> servingAdvice(ServingPlatform platform) {
        // One thread, both reads in turn: on 2 cores more threads only compete with planning for the CPU.
        CompletableFuture<List<Check>> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            List<Check> found = new ArrayList<>();
            try {
                platform.read().gitOps().ifPresent(owner -> found.add(Check.warn("gitops", platform.describe()
                        + " is managed by " + owner.tool() + " (" + owner.owner() + "): its next sync puts the old model "
                        + "reference back; pause it ('" + owner.pause() + "') and change git")));
                // Helm's history costs two helm processes per revision: not worth it for advice
                if (!platform.kind().equals("helm")) {
                    servingChangedToo(platform).ifPresent(found::add);
                }
            } catch (RuntimeException e) {
                // advice only: whatever was found so far
            }
            result.complete(found);
        }, "serving-advice");
        thread.setDaemon(true);
        thread.start();
        return result.completeOnTimeout(List.of(), ADVICE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * When the live serving revision changed the images as well as the model, the runbook order applies: this
     * model rollback first, then check the metrics, then serving. Said as a warning, not a refusal; runs on the
     * advice thread, which turns any failure into no advice.
     */
    private Optional<Check> servingChangedToo(ServingPlatform platform) {
        List<ServingRevision> history = platform.history();
        int live = history.size() - 1;
        while (live >= 0 && !history.get(live).live()) {
            live--;
        }
        if (live < 1) {
            return Optional.empty();
        }
        ServingRevision now = history.get(live);
        ServingRevision before = history.get(live - 1);
        if (now.images().equals(before.images()) || now.modelReference().equals(before.modelReference())) {
            return Optional.empty();
        }
        return Optional.of(Check.warn("runbook", "the live serving revision " + now.number() + " changed the images "
                + "too (" + String.join(", ", before.images()) + " → " + String.join(", ", now.images()) + "): model "
                + "first (this rollback), check the metrics, then 'rollback infra " + service.name() + "' if still "
                + "needed; 'rollback infra " + service.name() + " --both --to TARGET' does both in one plan"));
    }
}
