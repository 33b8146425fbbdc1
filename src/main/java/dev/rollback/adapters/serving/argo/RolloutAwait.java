package dev.rollback.adapters.serving.argo;

import dev.rollback.adapters.serving.kubernetes.PodProblems;
import dev.rollback.core.Words;
import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.RolloutProgress;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Polls a Rollout until it is stable: the controller observed the latest spec (status.observedGeneration, a
 * string in Argo), reports phase Healthy, and the stable ReplicaSet is the current one. That is when
 * {@code kubectl argo rollouts status} says "Healthy"; it also stops at "Degraded", and so does this.
 */
final class RolloutAwait {

    private static final long POLL_MILLIS = 250;
    private static final long REPORT_EVERY_NANOS = Duration.ofSeconds(1).toNanos();
    private static final int MAX_PODS = 10;

    private final RolloutApi api;

    RolloutAwait(RolloutApi api) {
        this.api = api;
    }

    RolloutOutcome await(Duration timeout, Consumer<RolloutProgress> progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = 0;
        RolloutProgress reported = null;
        RolloutView rollout = null;
        while (true) {
            try {
                rollout = api.read();
            } catch (ServingException e) {
                // a blip of the API server is not the rollout's fault: keep trying until the timeout
                if (e.kind() != Kind.UNREACHABLE || rollout == null || System.nanoTime() >= deadline) {
                    throw e;
                }
            }
            RolloutProgress last = progressOf(rollout);
            long now = System.nanoTime();
            if (!last.equals(reported) && (reported == null || now - lastReport >= REPORT_EVERY_NANOS)) {
                progress.accept(last);
                reported = last;
                lastReport = now;
            }
            boolean observed = rollout.generationObserved();
            if (observed && isStable(rollout)) {
                return new RolloutOutcome(true, last, api.label() + " is Healthy: " + last.describe() + revision(rollout), List.of());
            }
            if (observed && "Degraded".equals(rollout.phaseName())) {
                return failed(rollout, last, api.label() + " is Degraded: " + detail(rollout));
            }
            if (now >= deadline) {
                String detail = detail(rollout);
                return failed(rollout, last, api.label() + " not stable after " + Words.duration(timeout) + ": "
                        + (detail.isEmpty() ? last.describe() : detail + "; " + last.describe()));
            }
            try {
                Thread.sleep(Math.max(1, Math.min(POLL_MILLIS, (deadline - now) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(rollout, last, "stopped waiting for " + api.label() + ": interrupted");
            }
        }
    }

    static boolean isStable(RolloutView rollout) {
        return "Healthy".equals(rollout.phaseName()) && !rollout.stableHash().isEmpty() && rollout.stableHash().equals(rollout.currentHash());
    }

    private static RolloutProgress progressOf(RolloutView rollout) {
        // until the controller has seen the new spec, "updated" still counts the previous template's pods
        int updated = rollout.generationObserved() ? rollout.statusCount("updatedReplicas") : 0;
        return new RolloutProgress(rollout.replicas(), updated, rollout.statusCount("readyReplicas"), rollout.statusCount("availableReplicas"));
    }

    private RolloutOutcome failed(RolloutView rollout, RolloutProgress last, String summary) {
        return new RolloutOutcome(false, last, summary, podProblems(rollout));
    }

    /** The current revision's pods that are not ready, and why, like PodProblems does for a Deployment. */
    private List<String> podProblems(RolloutView rollout) {
        if (rollout.currentHash().isEmpty()) {
            return List.of();
        }
        List<Pod> pods;
        try {
            pods = api.pods(rollout, rollout.currentHash());
        } catch (ServingException e) {
            return List.of("could not list the pods of " + api.label() + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>(pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .map(PodProblems::describe).flatMap(Optional::stream).toList());
        if (problems.size() > MAX_PODS) {
            int more = problems.size() - MAX_PODS;
            problems.subList(MAX_PODS, problems.size()).clear();
            problems.add("... and " + more + " more pods");
        }
        return problems;
    }

    /** Why it is not stable, with revision numbers when the ReplicaSets can be listed. */
    private String detail(RolloutView rollout) {
        try {
            RolloutRevisions revisions = new RolloutRevisions(api.replicaSets(rollout));
            return rollout.phase(revisions::numberOf).detail();
        } catch (ServingException e) {
            return rollout.phase(hash -> "with hash " + hash).detail();
        }
    }

    private static String revision(RolloutView rollout) {
        return rollout.revision().isEmpty() ? "" : " (revision " + rollout.revision() + ")";
    }
}
