package dev.rollback.adapters.serving.kubernetes;

import dev.rollback.core.Words;
import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.RolloutProgress;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Polls a Deployment until {@code kubectl rollout status} would call it done. Polling (not a watch)
 * because it survives API hiccups simply and behaves the same against fabric8's mock server.
 */
public final class RolloutWaiter {

    static final Duration POLL = Duration.ofMillis(250);
    private static final long REPORT_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    RolloutWaiter(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    RolloutOutcome await(Duration timeout, Consumer<RolloutProgress> progress) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long lastReport = 0;
        RolloutProgress last = new RolloutProgress(0, 0, 0, 0);
        RolloutProgress reported = null;
        Deployment deployment = null;
        while (true) {
            try {
                deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
            } catch (KubernetesClientException e) {
                ServingException failure = KubernetesErrors.classify(label(), "read", e);
                // a blip of the API server is not the rollout's fault: keep trying until the timeout
                if (failure.kind() != Kind.UNREACHABLE || System.nanoTime() >= deadline) {
                    throw failure;
                }
            }
            if (deployment == null) {
                throw new ServingException(Kind.NOT_FOUND, label() + " not found");
            }
            last = progressOf(deployment);
            long now = System.nanoTime();
            // at most once a second, and only news: the caller prints each report
            if (!last.equals(reported) && (reported == null || now - lastReport >= REPORT_EVERY_NANOS)) {
                progress.accept(last);
                reported = last;
                lastReport = now;
            }
            if (isComplete(deployment)) {
                return new RolloutOutcome(true, last, label() + " rolled out: " + last.describe() + revisionSuffix(deployment), List.of());
            }
            DeploymentCondition stuck = deadlineExceeded(deployment);
            if (stuck != null) {
                return failed(deployment, last, "rollout of " + label() + " failed: progress deadline exceeded ("
                        + Objects.requireNonNullElse(stuck.getMessage(), "no message") + "): " + counts(last));
            }
            if (now >= deadline) {
                return failed(deployment, last, "rollout of " + label() + " not complete after " + Words.duration(timeout) + ": " + counts(last));
            }
            try {
                Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), (deadline - now) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(deployment, last, "stopped waiting for the rollout of " + label() + ": interrupted: " + counts(last));
            }
        }
    }

    /** kubectl's rule (rollout status, apps/v1 Deployment). */
    static boolean isComplete(Deployment d) {
        DeploymentStatus s = d.getStatus();
        if (s == null || s.getObservedGeneration() == null || d.getMetadata().getGeneration() == null
                || s.getObservedGeneration() < d.getMetadata().getGeneration() || deadlineExceeded(d) != null) {
            return false;
        }
        int updated = n(s.getUpdatedReplicas());
        return updated >= desired(d) && n(s.getReplicas()) <= updated && n(s.getAvailableReplicas()) >= updated;
    }

    static DeploymentCondition deadlineExceeded(Deployment d) {
        if (d.getStatus() == null || d.getStatus().getConditions() == null) {
            return null;
        }
        return d.getStatus().getConditions().stream()
                .filter(c -> "Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason()))
                .findFirst().orElse(null);
    }

    static RolloutProgress progressOf(Deployment d) {
        DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        // until the controller has seen the new spec, "updated" still counts the previous template's pods
        boolean observed = s.getObservedGeneration() != null && d.getMetadata().getGeneration() != null
                && s.getObservedGeneration() >= d.getMetadata().getGeneration();
        int updated = observed ? n(s.getUpdatedReplicas()) : 0;
        return new RolloutProgress(desired(d), updated, n(s.getReadyReplicas()), n(s.getAvailableReplicas()));
    }

    private RolloutOutcome failed(Deployment deployment, RolloutProgress last, String summary) {
        return new RolloutOutcome(false, last, summary, PodProblems.of(client, deployment));
    }

    private static String counts(RolloutProgress p) {
        return p.updated() + "/" + p.desired() + " updated, " + p.ready() + " ready";
    }

    private static String revisionSuffix(Deployment d) {
        String revision = DeploymentBinding.revision(d);
        return revision.isEmpty() ? "" : " (revision " + revision + ")";
    }

    private static int desired(Deployment d) {
        return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    private static int n(Integer value) {
        return value == null ? 0 : value;
    }

    private String label() {
        return "Deployment " + namespace + "/" + name;
    }
}
