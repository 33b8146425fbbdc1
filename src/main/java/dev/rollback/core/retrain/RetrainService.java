package dev.rollback.core.retrain;

import dev.rollback.core.Sleeper;
import dev.rollback.core.plan.Check;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.plan.StepSpec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Plans a retrain ({@code rollback retrain}): one trigger of the service's CI pipeline with the model, dataset
 * version, config ref, emergency flag and rollback id; and follows the run it started. The trigger runs as a
 * one-step plan (lock, journal, history like every rollback); following it happens after, without the lock,
 * because a pipeline can run for hours and must not block a model rollback meanwhile.
 */
public final class RetrainService {

    /** Dataset versions as registries and DVC tags name them: v12, 2026-11-01, ds_2026.11-r3. */
    private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/+-]{0,127}");

    private final String service;
    private final String model;
    private final String defaultRef;
    private final CiSystem ci;

    public RetrainService(String service, String model, String defaultRef, CiSystem ci) {
        this.service = service;
        this.model = model;
        this.defaultRef = defaultRef;
        this.ci = ci;
    }

    public RetrainPlan plan(RetrainRequest request) {
        String ref = request.configRef() == null ? defaultRef : request.configRef();
        RetrainParameters parameters = new RetrainParameters(model, request.datasetVersion(), ref, true,
                request.rollbackId());
        List<Check> checks = new ArrayList<>();
        if (DATASET.matcher(request.datasetVersion()).matches()) {
            checks.add(Check.pass("dataset", request.datasetVersion()));
        } else {
            checks.add(Check.fail("dataset", "'" + request.datasetVersion() + "' is not a dataset version (letters, "
                    + "digits and . _ : / + -, up to 128 characters, like v12)"));
        }
        checks.add(Check.pass("ci", ci.describe()));
        if (request.follow() && !ci.canFollow()) {
            // A webhook only delivers; GitLab follows only with an API token (its adapter's describe says which)
            checks.add(Check.fail("follow", "--wait: " + ci.describe() + " cannot report a run's status as "
                    + "configured; drop --wait and follow it in the CI (for GitLab, set ci.apiTokenEnv)"));
        }
        Map<String, String> params = Map.of("model", model, "dataset", request.datasetVersion(), "ref", ref);
        List<StepSpec> steps = List.of(new StepSpec(RetrainSteps.TRIGGER, "data", ci.describe(), "no run",
                "a run retraining " + model + " on dataset " + request.datasetVersion() + " (config ref " + ref + ")", params));
        Plan plan = new Plan(request.rollbackId(), "retrain", service, request.now(), request.by(), request.reason(),
                steps, List.of("model registry: the new version is promoted as usual, not by this command",
                        "serving (rollback infra)", "feature pipeline (rollback features)"));
        return new RetrainPlan(plan, parameters, ci.preview(parameters), checks);
    }

    /**
     * Follows a run until it ends or {@code timeout} passes, reporting each change of state.
     *
     * @return the last status seen; not finished when the time ran out
     */
    public PipelineStatus follow(PipelineRun run, Duration timeout, Duration interval, Clock clock,
            Consumer<PipelineStatus> progress, Sleeper sleeper) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        PipelineStatus status = ci.status(run);
        progress.accept(status);
        while (!status.state().finished() && clock.instant().isBefore(deadline)) {
            sleeper.sleep(interval);
            status = ci.status(status.run());
            progress.accept(status);
        }
        return status;
    }
}
