package dev.rollback.testsupport.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Pods as the kubelet would report them: ready, or stuck the way a broken release leaves them. */
final class FakePods {

    /** What pods created now turn into. {@code reason} is a container waiting reason, or null. */
    record Fault(String reason, boolean neverReady) {
        static final Fault NONE = new Fault(null, false);
    }

    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

    private FakePods() {
    }

    static Pod newPod(ReplicaSet rs) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            suffix.append(ALPHANUMS.charAt(ThreadLocalRandom.current().nextInt(ALPHANUMS.length())));
        }
        return new PodBuilder()
                .withNewMetadata().withNamespace(rs.getMetadata().getNamespace())
                    .withName(rs.getMetadata().getName() + "-" + suffix)
                    .withLabels(rs.getSpec().getTemplate().getMetadata().getLabels())
                    .withAnnotations(rs.getSpec().getTemplate().getMetadata().getAnnotations())
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
                            .withName(rs.getMetadata().getName()).withUid(rs.getMetadata().getUid())
                            .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withSpec(rs.getSpec().getTemplate().getSpec())
                .build();
    }

    static PodStatus status(Pod pod, Fault fault) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<Container> containers = pod.getSpec().getContainers();
        boolean ready = fault.reason() == null && !fault.neverReady();
        boolean pulling = "ImagePullBackOff".equals(fault.reason()) || "ErrImagePull".equals(fault.reason());
        List<ContainerStatus> statuses = containers.stream().map(c -> container(pod, c, fault, now)).toList();
        String unready = "containers with unready status: [" + String.join(" ", containers.stream().map(Container::getName).toList()) + "]";
        return new PodStatusBuilder()
                .withPhase(pulling ? "Pending" : "Running").withStartTime(now).withPodIP("10.0.0." + (1 + ThreadLocalRandom.current().nextInt(250)))
                .withConditions(condition("PodScheduled", true, null, now), condition("Initialized", true, null, now),
                        condition("ContainersReady", ready, ready ? null : unready, now), condition("Ready", ready, ready ? null : unready, now))
                .withContainerStatuses(statuses)
                .build();
    }

    private static ContainerStatus container(Pod pod, Container c, Fault fault, String now) {
        ContainerStatusBuilder status = new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
                .withReady(fault.reason() == null && !fault.neverReady()).withRestartCount(0);
        if (fault.reason() == null) {
            return status.withStarted(true).withNewState().withNewRunning(now).endState().build();
        }
        String message = switch (fault.reason()) {
            case "ImagePullBackOff" -> "Back-off pulling image \"" + c.getImage() + "\"";
            case "CrashLoopBackOff" -> "back-off 2m40s restarting failed container=" + c.getName() + " pod=" + pod.getMetadata().getName();
            default -> null;
        };
        status.withStarted(false).withNewState().withNewWaiting(message, fault.reason()).endState();
        if ("CrashLoopBackOff".equals(fault.reason())) {
            // a model server killed while loading the model: OOMKilled, exit code 137, restarted a few times
            status.withRestartCount(4).withNewLastState().withNewTerminated().withExitCode(137).withReason("OOMKilled")
                    .withStartedAt(now).withFinishedAt(now).endTerminated().endLastState();
        }
        return status.build();
    }

    private static PodCondition condition(String type, boolean status, String message, String now) {
        return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False")
                .withReason(status ? null : "ContainersNotReady").withMessage(message).withLastTransitionTime(now).build();
    }

    static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
