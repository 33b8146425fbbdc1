package dev.rollback.core.model;

import dev.rollback.core.plan.Check;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.artifacts.ArtifactStore;
import dev.rollback.core.plan.RollbackRunner;
import dev.rollback.core.registry.ModelRegistry;
import dev.rollback.core.serving.ServingBinding;
import dev.rollback.core.status.RegistryView;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans a model rollback: reads the registry (and serving), resolves the target and runs every preflight
 * check. The {@link RollbackRunner} then runs the accepted plan under the lock with its journal.
 */
public final class ModelRollbackService {

    private final ServiceConfig service;
    private final ModelRegistry registry;
    private final Optional<ServingBinding> serving;
    private final Optional<ArtifactStore> artifacts;
    private final RollbackRunner runner;

    public ModelRollbackService(ServiceConfig service, ModelRegistry registry, Optional<ServingBinding> serving,
            Optional<ArtifactStore> artifacts, RollbackRunner runner) {
        this.service = service;
        this.registry = registry;
        this.serving = serving;
        this.artifacts = artifacts;
        this.runner = runner;
    }

    public ModelRollbackPlan plan(ModelRollbackRequest request, String referenceTemplate) {
        RegistryView view = RegistryView.read(service, registry);
        ModelRollbackPlan planned = ModelRollbackPlanner.plan(request, view,
                request.registryOnly() ? Optional.empty() : serving, artifacts, referenceTemplate);
        List<Check> checks = new ArrayList<>(planned.checks());
        runner.unfinished().forEach(why -> checks.add(Check.fail("unfinished", why)));
        return new ModelRollbackPlan(planned.plan(), planned.from(), planned.to(), checks);
    }
}
