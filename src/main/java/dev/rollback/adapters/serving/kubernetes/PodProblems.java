package dev.rollback.adapters.serving.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Says why a Deployment's pods are not ready, the way an engineer reads {@code kubectl describe pod}:
 * "model-server-5d9c-x2k4p: container server CrashLoopBackOff (exit code 137, restarted 4 times)".
 */
public final class PodProblems {

    private static final int MAX_PODS = 10;

    private PodProblems() {
    }

    static List<String> of(KubernetesClient client, Deployment deployment) {
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        List<Pod> pods;
        try {
            pods = client.pods().inNamespace(deployment.getMetadata().getNamespace()).withLabels(selector).list().getItems();
        } catch (KubernetesClientException e) {
            // the outcome is still useful without the pods; say why they are missing
            return List.of("could not list pods of the Deployment: " + KubernetesErrors.classify("pods", "list", e).getMessage());
        }
        List<String> problems = new ArrayList<>();
        pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .forEach(p -> describe(p).ifPresent(problems::add));
        if (problems.size() > MAX_PODS) {
            int more = problems.size() - MAX_PODS;
            problems.subList(MAX_PODS, problems.size()).clear();
            problems.add("... and " + more + " more pods");
        }
        return problems;
    }

    /** Empty for a ready pod. */
    public static Optional<String> describe(Pod pod) {
        String name = pod.getMetadata().getName() + ": ";
        var status = pod.getStatus();
        if (status == null) {
            return Optional.of(name + "no status yet");
        }
        PodCondition ready = condition(pod, "Ready");
        if (ready != null && "True".equals(ready.getStatus())) {
            return Optional.empty();
        }
        List<String> containers = Stream.concat(stream(status.getInitContainerStatuses()), stream(status.getContainerStatuses()))
                .map(PodProblems::container).filter(s -> !s.isEmpty()).toList();
        if (!containers.isEmpty()) {
            return Optional.of(name + String.join("; ", containers));
        }
        PodCondition scheduled = condition(pod, "PodScheduled");
        if ("Pending".equals(status.getPhase()) && scheduled != null && "False".equals(scheduled.getStatus())) {
            return Optional.of(name + "Pending: " + text(scheduled));
        }
        if (ready != null) {
            return Optional.of(name + "not ready: " + text(ready));
        }
        return Optional.of(name + "phase " + status.getPhase() + ", not ready");
    }

    private static String container(ContainerStatus c) {
        var state = c.getState();
        if (state != null && state.getWaiting() != null && state.getWaiting().getReason() != null) {
            String text = "container " + c.getName() + " " + state.getWaiting().getReason();
            var lastTerminated = c.getLastState() == null ? null : c.getLastState().getTerminated();
            if (lastTerminated != null) {
                return text + " (exit code " + lastTerminated.getExitCode() + ", restarted " + c.getRestartCount() + " times)";
            }
            String message = state.getWaiting().getMessage();
            return message == null || message.isBlank() ? text : text + ": " + message;
        }
        if (state != null && state.getTerminated() != null) {
            var t = state.getTerminated();
            return "container " + c.getName() + " terminated: " + t.getReason() + " (exit code " + t.getExitCode() + ")";
        }
        return "";
    }

    private static PodCondition condition(Pod pod, String type) {
        return stream(pod.getStatus().getConditions()).filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private static String text(PodCondition c) {
        return c.getMessage() != null ? c.getMessage() : String.valueOf(c.getReason());
    }

    private static <T> Stream<T> stream(List<T> list) {
        return list == null ? Stream.empty() : list.stream();
    }
}
