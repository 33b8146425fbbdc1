package dev.rollback.e2e;

import dev.rollback.adapters.journal.FileJournalStore;
import dev.rollback.adapters.lock.kubernetes.LeaseLockManager;
import dev.rollback.adapters.registry.RegistryProvider;
import dev.rollback.adapters.serving.kubernetes.DeploymentBinding;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation;
import dev.rollback.config.ConfigLoader;
import dev.rollback.config.RollbackConfig;
import dev.rollback.config.ServiceConfig;
import dev.rollback.config.ServingConfig;
import dev.rollback.core.drill.StateSnapshots;
import dev.rollback.core.lock.HeldLock;
import dev.rollback.core.lock.LockOwner;
import dev.rollback.core.model.ModelSteps;
import dev.rollback.core.plan.ExecutionListener;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.plan.RollbackRunner;
import dev.rollback.core.plan.StepContext;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.core.registry.ModelRegistry;
import dev.rollback.core.serving.ServingBinding;
import dev.rollback.testsupport.CliResult;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.rollback.testsupport.CliResultAssert.assertThat;

/**
 * The adapters a drill's restore runs on, built from the stack's rollback.yaml the way {@code cli.Wiring} builds
 * them for {@code rollback model} (the MLflow adapter behind the fault proxy, the Deployment binding, the Lease
 * lock, the file journal), plus the drill's own moves made with the real {@code rollback model} command.
 */
public final class DrillRestoreFixture {

    public static final String SERVICE = "recsys";

    public final RollbackStack stack;
    public final ServiceConfig service;
    public final ModelRegistry registry;
    public final ServingBinding serving;
    public final StateSnapshots snapshots;
    public final Path journalDir;
    private final RollbackRunner runner;
    private final AtomicInteger restores = new AtomicInteger();

    public DrillRestoreFixture(RollbackStack stack) {
        this.stack = stack;
        RollbackConfig config = ConfigLoader.load(stack.dir.resolve("rollback.yaml"), stack.env());
        this.service = config.services().get(SERVICE);
        this.registry = RegistryProvider.create(config.registries().get(service.registry()), stack.env());
        ServingConfig s = service.servingConfig();
        this.serving = new DeploymentBinding(stack.kubernetes, s.namespace(), s.name(),
                new ModelReferenceLocation.ContainerEnv(s.container(), s.env()));
        this.snapshots = new StateSnapshots(service, registry, Optional.of(serving));
        this.journalDir = stack.dir.resolve("state/journal");
        this.runner = new RollbackRunner(SERVICE, new LeaseLockManager(stack.kubernetes, s.lockNamespace(),
                Clock.systemUTC()), new FileJournalStore(journalDir), new ModelSteps(registry, Optional.of(serving)),
                Clock.systemUTC(), Duration.ofSeconds(3));
    }

    /**
     * What a drill does to the 2 AM scenario: release {@code drillVersion} as if it were a bad release, then roll
     * back to the healthy baseline; both with the real {@code rollback model} (alias, stages, audit tags, serving).
     */
    public void releaseAndRollBack(String drillVersion) {
        CliResult release = stack.cli().run("model", SERVICE, "--to", drillVersion, "--yes", "--reason",
                "drill: bad release", "--timeout", "20s");
        assertThat(release).succeeded();
        CliResult rollback = stack.cli().run("model", SERVICE, "--to", "healthy-baseline", "--yes", "--reason",
                "drill: detected", "--timeout", "20s");
        assertThat(rollback).succeeded();
    }

    /** Runs the restore steps as one plan through the real runner, executor, lock and journal. */
    public RollbackRunner.Run restore(List<StepSpec> steps) {
        String id = "drill-restore-" + restores.incrementAndGet();
        Plan plan = new Plan(id, "drill-restore", SERVICE, Instant.now(), "oncall@example.com",
                "drill: restore the state before the drill", steps, List.of());
        StepContext context = new StepContext(id, plan.by(), plan.reason(), Duration.ofSeconds(20), line -> { });
        try (HeldLock lock = runner.lock(new LockOwner("oncall@example.com", ProcessHandle.current().pid()), false)) {
            return runner.execute(plan, lock, context, new ExecutionListener() { });
        }
    }
}
