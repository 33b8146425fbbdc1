package dev.rollback.core.status;

import dev.rollback.core.infra.ServingState;
import dev.rollback.core.registry.ModelVersion;

import java.util.List;
import java.util.Optional;

/**
 * What is live for one service and what is wrong with it. When the registry could not be read,
 * {@code failure} holds the error and the other fields are empty. {@code serving} is what the serving
 * platform runs (empty when serving is not configured or could not be read: then a warning says why).
 */
public record ServiceStatus(
        String service,
        String modelName,
        String registryLocation,
        Optional<LiveVersion> live,
        List<ModelVersion> healthyBaselines,
        List<ModelVersion> versionsInLiveStage,
        List<StatusWarning> warnings,
        Optional<RuntimeException> failure,
        Optional<ServingState> serving) {

    public static ServiceStatus failed(String service, String modelName, String registryLocation,
            RuntimeException failure) {
        return new ServiceStatus(service, modelName, registryLocation, Optional.empty(), List.of(), List.of(),
                List.of(), Optional.of(failure), Optional.empty());
    }

    ServiceStatus withServing(Optional<ServingState> state, List<StatusWarning> more) {
        List<StatusWarning> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new ServiceStatus(service, modelName, registryLocation, live, healthyBaselines, versionsInLiveStage,
                List.copyOf(all), failure, state);
    }

    public boolean healthy() {
        return failure.isEmpty() && warnings.isEmpty();
    }
}
