package dev.rollback.k8s;

import dev.rollback.adapters.leader.kubernetes.LeaseLeadership;
import dev.rollback.config.ConfigLoader;
import dev.rollback.config.MetricsConfig;
import dev.rollback.config.RollbackConfig;
import dev.rollback.config.ServiceConfig;
import dev.rollback.config.ServingConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key facts of the example manifest, read through fabric8's own parser so they cannot rot silently: two replicas
 * running {@code rollback watch recsys}, least-privilege RBAC in one namespace, secrets only from a Secret, a config
 * that rollback itself accepts, and a grace period long enough for an in-flight rollback to finish.
 */
class WatchManifestTest {

    static WatchManifest manifest;
    static RollbackConfig config;

    static final String NAMESPACE = "ml-serving";

    @BeforeAll
    static void parse() {
        manifest = WatchManifest.load();
        config = ConfigLoader.parse(manifest.config().getData().get("rollback.yaml"), Path.of("rollback.yaml"), Map.of());
    }

    @Test
    void everythingIsNamespacedInTheServingNamespace() {
        assertThat(manifest.objects()).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("ServiceAccount",
                "Role", "RoleBinding", "ConfigMap", "Deployment", "PodDisruptionBudget");
        assertThat(manifest.objects()).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(NAMESPACE));
    }

    @Test
    void everyFieldIsOneKubernetesKnows() {
        assertThat(manifest.unknownFields()).isEmpty();
    }

    @Test
    void twoReplicasRunRollbackWatchRecsysAsTheBoundServiceAccount() {
        Deployment deployment = manifest.deployment();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(pod.getContainers()).hasSize(1);
        assertThat(concat(container.getCommand(), container.getArgs())).containsExactly("rollback", "watch", "recsys");
        assertThat(container.getImage()).as("a placeholder nobody mistakes for a real image").contains("REPLACE-ME");
        String account = manifest.only(ServiceAccount.class).getMetadata().getName();
        assertThat(pod.getServiceAccountName()).isEqualTo(account);
        RoleBinding binding = manifest.only(RoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(manifest.role().getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo(account);
            assertThat(s.getNamespace()).isEqualTo(NAMESPACE);
        });
        assertThat(env(container, "POD_NAME").getValueFrom().getFieldRef().getFieldPath())
                .as("the leader identity is the pod's name").isEqualTo("metadata.name");
    }

    @Test
    void theLeaseRulesGrantExactlyWhatLeaderElectionAndTheRollbackLockUse() {
        List<PolicyRule> leases = manifest.role().getRules().stream()
                .filter(r -> r.getResources().contains("leases")).toList();

        assertThat(leases).extracting(r -> Set.copyOf(r.getVerbs())).containsExactlyInAnyOrder(Set.of("create"),
                Set.of("get", "update", "patch"));
        assertThat(leases).allSatisfy(r -> assertThat(r.getApiGroups()).containsExactly("coordination.k8s.io"));
        PolicyRule named = leases.stream().filter(r -> r.getVerbs().contains("get")).findFirst().orElseThrow();
        assertThat(named.getResourceNames()).containsExactlyInAnyOrder(LeaseLeadership.leaseName("recsys"),
                "rollback-recsys");
        assertThat(manifest.role().getRules()).as("no wildcards, no delete anywhere").allSatisfy(r -> {
            assertThat(r.getVerbs()).doesNotContain("*", "delete", "deletecollection", "escalate", "bind");
            assertThat(r.getResources()).doesNotContain("*");
            assertThat(r.getApiGroups()).doesNotContain("*");
        });
    }

    @Test
    void theServingRulesNameTheDeploymentTheConfigRollsBack() {
        ServingConfig serving = recsys().servingConfig();

        assertThat(serving.namespace()).isEqualTo(NAMESPACE);
        assertThat(manifest.allows("apps", "deployments", "get", serving.name())).isTrue();
        assertThat(manifest.allows("apps", "deployments", "patch", serving.name())).isTrue();
        assertThat(manifest.allows("apps", "deployments", "patch", "some-other-deployment")).isFalse();
    }

    @Test
    void secretsComeFromTheSecretUnderTheNamesTheConfigReadsThem() {
        Container container = manifest.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
        MetricsConfig metrics = recsys().metricsConfig();
        Set<String> named = new TreeSet<>(List.of(config.registries().get("default").credentials().tokenEnv(),
                metrics.authorizationEnv(), metrics.watch().slackWebhookEnv()));

        assertThat(named).containsExactly("MLFLOW_TRACKING_TOKEN", "PROMETHEUS_AUTHORIZATION", "SLACK_WEBHOOK_URL");
        for (String variable : named) {
            EnvVar env = env(container, variable);
            assertThat(env.getValue()).as(variable + " has no literal value").isNull();
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("rollback-watch-secrets");
        }
        String text = manifest.config().getData().get("rollback.yaml");
        assertThat(text).doesNotContainIgnoringCase("hooks.slack.com").doesNotContainIgnoringCase("bearer ");
    }

    @Test
    void theConfigIsWhereRollbackLooksAndRollbackAcceptsIt() {
        Container container = manifest.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
        Path configFile = Path.of(env(container, "ROLLBACK_CONFIG").getValue());
        VolumeMount mount = container.getVolumeMounts().stream()
                .filter(m -> configFile.startsWith(m.getMountPath())).findFirst().orElseThrow();
        String volumeConfigMap = manifest.deployment().getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow().getConfigMap().getName();

        assertThat(volumeConfigMap).isEqualTo(manifest.config().getMetadata().getName());
        assertThat(manifest.config().getData()).containsKey(configFile.getFileName().toString());
        MetricsConfig metrics = recsys().metricsConfig();
        assertThat(metrics.watch().consecutive()).isEqualTo(3);
        assertThat(metrics.watch().interval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theGracePeriodOutlastsAnInFlightRollbackAndTheLeaseRelease() throws Exception {
        Duration rolloutTimeout = defaultRolloutTimeout();
        Duration verifyWindow = recsys().metricsConfig().verify().window();
        Long grace = manifest.deployment().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();

        assertThat(grace).as("terminationGracePeriodSeconds is set (Kubernetes' default is 30 s)").isNotNull();
        assertThat(Duration.ofSeconds(grace)).isGreaterThan(rolloutTimeout.plus(verifyWindow)
                .plus(LeaseLeadership.LEASE_DURATION));
    }

    @Test
    void nothingRunsPrivileged() {
        PodSpec pod = manifest.deployment().getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
        assertThat(container.getSecurityContext().getPrivileged()).isFalse();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKeys("memory");
    }

    @Test
    void aDrainNeverTakesBothWatchers() {
        PodDisruptionBudget budget = manifest.only(PodDisruptionBudget.class);

        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(budget.getSpec().getSelector().getMatchLabels())
                .isEqualTo(manifest.deployment().getSpec().getSelector().getMatchLabels());
    }

    private static ServiceConfig recsys() {
        return config.services().get("recsys");
    }

    /** The default of rollback's --timeout option, read from the option itself so a change here is seen. */
    private static Duration defaultRolloutTimeout() throws Exception {
        Option option = Class.forName("dev.rollback.cli.RolloutTimeoutOption").getDeclaredField("timeout")
                .getAnnotation(Option.class);
        String value = option.defaultValue(); // "5m"
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new AssertionError("unexpected --timeout default " + value);
        };
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + container.getEnv().stream()
                        .map(EnvVar::getName).collect(Collectors.joining(", "))));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
