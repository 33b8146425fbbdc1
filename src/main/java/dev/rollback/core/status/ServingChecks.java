package dev.rollback.core.status;

import dev.rollback.config.ServiceConfig;
import dev.rollback.config.ServingConfig;
import dev.rollback.core.infra.RolloutPhase;
import dev.rollback.core.infra.ServingState;
import dev.rollback.core.model.ModelRollbackPlanner;
import dev.rollback.core.registry.ModelVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code status} finds wrong on the serving side: drift from the registry, a stuck rollout. */
final class ServingChecks {

    private ServingChecks() {
    }

    static List<StatusWarning> warnings(ServiceConfig service, ServiceStatus status, Optional<ServingState> serving) {
        List<StatusWarning> warnings = new ArrayList<>();
        if (serving.isEmpty()) {
            return warnings;
        }
        ServingState state = serving.get();
        if (state.phase() == RolloutPhase.STUCK) {
            warnings.add(new StatusWarning(StatusWarning.Code.ROLLOUT_STUCK, state.object() + " rollout is stuck"
                    + (state.phaseDetail().isEmpty() ? "" : " (" + state.phaseDetail() + ")") + "; see 'rollback infra "
                    + service.name() + " --history' and undo it with 'rollback infra " + service.name() + "'"));
        }
        drift(service, status, state).ifPresent(warnings::add);
        return warnings;
    }

    /**
     * The registry's live version, rendered as serving names models, against what serving actually runs.
     * The fix named is the one that changes least: tell the registry what really serves, when that is a
     * registered version ('rollback model --to N' finds serving already there and changes only the registry).
     */
    private static Optional<StatusWarning> drift(ServiceConfig service, ServiceStatus status, ServingState state) {
        ServingConfig config = service.servingConfig();
        if (status.live().isEmpty() || state.modelReference().isEmpty() || config == null) {
            return Optional.empty();
        }
        ModelVersion live = status.live().get().version();
        String expected = ModelRollbackPlanner.reference(config.reference(), live);
        if (expected.equals(state.modelReference())) {
            return Optional.empty();
        }
        String served = state.modelReference();
        String message = "drift: " + state.object() + " serves " + served + ", but the registry's live version is v"
                + live.version() + " (" + expected + ")";
        Optional<String> servedVersion = versionOf(served, config.reference(), service.model().name());
        String fix = servedVersion.map(v -> "; if v" + v + " is right, record it with 'rollback model " + service.name()
                + " --to " + v + "' (serving already runs it, so only the registry changes); if v" + live.version()
                + " is right, redeploy serving with " + expected)
                .orElse("; redeploy serving with " + expected + ", or roll the registry to the version it serves");
        return Optional.of(new StatusWarning(StatusWarning.Code.SERVING_DRIFT, message + fix));
    }

    /** The version number in a reference made from a {version} template, e.g. models:/recsys/5 → 5. */
    static Optional<String> versionOf(String reference, String template, String model) {
        int at = template.indexOf("{version}");
        if (at < 0 || template.contains("{source}")) {
            return Optional.empty();
        }
        String prefix = template.substring(0, at).replace("{model}", model);
        String suffix = template.substring(at + "{version}".length()).replace("{model}", model);
        if (!reference.startsWith(prefix) || !reference.endsWith(suffix) || reference.length() <= prefix.length() + suffix.length()) {
            return Optional.empty();
        }
        String version = reference.substring(prefix.length(), reference.length() - suffix.length());
        return version.chars().allMatch(Character::isDigit) ? Optional.of(version) : Optional.empty();
    }
}
