package dev.rollback.cli;

import dev.rollback.adapters.serving.argo.ArgoRolloutBinding;
import dev.rollback.adapters.serving.argo.ArgoRolloutPlatform;
import dev.rollback.adapters.serving.helm.HelmCli;
import dev.rollback.adapters.serving.helm.HelmPlatform;
import dev.rollback.adapters.serving.kserve.KServeBinding;
import dev.rollback.adapters.serving.kserve.KServePlatform;
import dev.rollback.adapters.serving.kubernetes.DeploymentBinding;
import dev.rollback.adapters.serving.kubernetes.DeploymentPlatform;
import dev.rollback.adapters.serving.kubernetes.ModelReferenceLocation;
import dev.rollback.config.ServingConfig;
import dev.rollback.core.infra.ServingPlatform;
import dev.rollback.core.serving.ServingBinding;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** One adapter per serving kind in rollback.yaml: where the model reference lives, and how to undo a release. */
final class ServingAdapters {

    private ServingAdapters() {
    }

    /**
     * Where the model reference lives, for {@code rollback model}; empty for Helm, whose values change only
     * through a new release (so a model rollback of a Helm service changes the registry only).
     */
    static Optional<ServingBinding> binding(KubernetesClient client, ServingConfig s) {
        return switch (s.kind()) {
            case ServingConfig.DEPLOYMENT -> Optional.of(new DeploymentBinding(client, s.namespace(), s.name(), location(s)));
            case ServingConfig.ARGO_ROLLOUT -> Optional.of(new ArgoRolloutBinding(client, s.namespace(), s.name(), location(s)));
            case ServingConfig.KSERVE -> Optional.of(new KServeBinding(client, s.namespace(), s.name()));
            default -> Optional.empty();
        };
    }

    static ServingPlatform platform(KubernetesClient client, String service, ServingConfig s, Path kubeconfig,
            String context, Map<String, String> env) {
        return switch (s.kind()) {
            case ServingConfig.DEPLOYMENT -> new DeploymentPlatform(client, s.namespace(), s.name(), location(s));
            // the user's own helm, with the same kubeconfig and context as our client
            case ServingConfig.HELM -> new HelmPlatform(new HelmCli(s.helmBinary(), context,
                    kubeconfig == null ? null : kubeconfig.toString(), env, service), s.namespace(), s.name(), s.helmValue());
            case ServingConfig.ARGO_ROLLOUT -> new ArgoRolloutPlatform(client, s.namespace(), s.name(), location(s));
            case ServingConfig.KSERVE -> new KServePlatform(client, s.namespace(), s.name());
            // unreachable: the config loader accepts only the kinds above
            default -> throw new CliException(ExitCode.CONFIG, "unsupported serving kind '" + s.kind() + "'");
        };
    }

    private static ModelReferenceLocation location(ServingConfig s) {
        return s.annotation() != null ? new ModelReferenceLocation.PodAnnotation(s.annotation())
                : s.configMap() != null ? new ModelReferenceLocation.ConfigMapKey(s.configMap(), s.configMapKey())
                : new ModelReferenceLocation.ContainerEnv(s.container(), s.env());
    }
}
