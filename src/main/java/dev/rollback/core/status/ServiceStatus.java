package dev.rollback.core.status;

import dev.rollback.core.registry.ModelVersion;

import java.util.List;
import java.util.Optional;

/**
 * What is live for one service and what is wrong with it. When the registry could not be read,
 * {@code failure} holds the error and the other fields are empty.
 */
public record ServiceStatus(
        String service,
        String modelName,
        String registryLocation,
        Optional<LiveVersion> live,
        List<ModelVersion> healthyBaselines,
        List<ModelVersion> versionsInLiveStage,
        List<StatusWarning> warnings,
        Optional<RuntimeException> failure) {

    public static ServiceStatus failed(String service, String modelName, String registryLocation,
            RuntimeException failure) {
        return new ServiceStatus(service, modelName, registryLocation, Optional.empty(), List.of(), List.of(),
                List.of(), Optional.of(failure));
    }

    public boolean healthy() {
        return failure.isEmpty() && warnings.isEmpty();
    }
}
