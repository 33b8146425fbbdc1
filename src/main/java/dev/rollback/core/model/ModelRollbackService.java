package dev.rollback.core.model;

import dev.rollback.core.plan.Check;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.artifacts.ArtifactStore;
import dev.rollback.core.infra.ServingPlatform;
import dev.rollback.core.infra.ServingRevision;
import dev.rollback.core.plan.RollbackRunner;
import dev.rollback.core.registry.ModelRegistry;
import dev.rollback.core.serving.ServingBinding;
import dev.rollback.core.status.RegistryView;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Plans a model rollback: reads the registry (and serving), resolves the target and runs every preflight
 * check. The {@link RollbackRunner} then runs the accepted plan under the lock with its journal.
 */
public final class ModelRollbackService {

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
        // the serving history is only advice: read it alongside the registry, never fail the plan over it
        CompletableFuture<Optional<Check>> advice = platform.isEmpty() || request.registryOnly()
                ? CompletableFuture.completedFuture(Optional.empty())
                : CompletableFuture.supplyAsync(() -> servingChangedToo(platform.get()));
        RegistryView view = RegistryView.read(service, registry);
        ModelRollbackPlan planned = ModelRollbackPlanner.plan(request, view,
                request.registryOnly() ? Optional.empty() : serving, artifacts, referenceTemplate);
        List<Check> checks = new ArrayList<>(planned.checks());
        runner.unfinished().forEach(why -> checks.add(Check.fail("unfinished", why)));
        advice.join().ifPresent(checks::add);
        return new ModelRollbackPlan(planned.plan(), planned.from(), planned.to(), checks);
    }

    /**
     * When the live serving revision changed the images as well as the model, the runbook order applies: this
     * model rollback first, then check the metrics, then serving. Said as a warning, not a refusal.
     */
    private Optional<Check> servingChangedToo(ServingPlatform platform) {
        try {
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
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
