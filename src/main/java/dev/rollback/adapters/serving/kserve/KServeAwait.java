package dev.rollback.adapters.serving.kserve;

import dev.rollback.adapters.serving.kserve.InferenceServiceView.Condition;
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
 * Polls an InferenceService until it serves what its spec asks: Ready is True and the predictor's traffic in
 * status matches spec (canaryTrafficPercent on the latest revision, the rest on "prev"; 100% on the latest
 * without a canary), and, after a spec change that creates a revision, that revision is the latest ready.
 * <p>
 * status.observedGeneration is not used: KServe copies it from the child Knative Service (or Deployment),
 * whose counter is not the InferenceService's metadata.generation (kserve#6081), so comparing the two would
 * wait forever or pass too early. The traffic in status, which KServe writes only after reconciling the spec,
 * is the freshness check instead.
 * <p>
 * KServe reports no replica counts (Knative autoscales the revisions), so progress counts the one revision:
 * desired 1, updated 1 once traffic matches spec, ready and available 1 once Ready.
 */
final class KServeAwait {

    private static final long POLL_MILLIS = 250;
    private static final long REPORT_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final InferenceServiceApi api;

    KServeAwait(InferenceServiceApi api) {
        this.api = api;
    }

    /** {@code replacedRevision}: the latest created revision before a spec change that makes a new one, else "". */
    RolloutOutcome await(Duration timeout, Consumer<RolloutProgress> progress, String replacedRevision) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = 0;
        RolloutProgress reported = null;
        InferenceServiceView isvc = null;
        while (true) {
            try {
                isvc = api.read();
            } catch (ServingException e) {
                // a blip of the API server is not the rollout's fault: keep trying until the timeout
                if (e.kind() != Kind.UNREACHABLE || isvc == null || System.nanoTime() >= deadline) {
                    throw e;
                }
            }
            boolean ready = KServeStatus.notReady(isvc).isEmpty();
            String created = isvc.predictorStatus("latestCreatedRevision");
            boolean newRevision = replacedRevision.isEmpty() || (!created.isEmpty() && !created.equals(replacedRevision)
                    && created.equals(isvc.predictorStatus("latestReadyRevision")));
            boolean routed = isvc.trafficMatchesSpec() && newRevision;
            RolloutProgress last = new RolloutProgress(1, routed ? 1 : 0, ready ? 1 : 0, ready ? 1 : 0);
            long now = System.nanoTime();
            if (!last.equals(reported) && (reported == null || now - lastReport >= REPORT_EVERY_NANOS)) {
                progress.accept(last);
                reported = last;
                lastReport = now;
            }
            if (ready && routed) {
                return new RolloutOutcome(true, last, api.label() + " is Ready: " + KServeStatus.traffic(isvc), List.of());
            }
            if (now >= deadline) {
                String why = !ready ? KServeStatus.notReady(isvc).map(Condition::describe).orElse("not Ready")
                        : !newRevision ? "no new revision has become ready yet (latest created: " + (created.isEmpty() ? "none" : created) + ")"
                        : "traffic is " + KServeStatus.traffic(isvc) + ", not yet what spec asks";
                return new RolloutOutcome(false, last, api.label() + " not ready after " + Words.duration(timeout) + ": " + why, problems(isvc));
            }
            try {
                Thread.sleep(Math.max(1, Math.min(POLL_MILLIS, (deadline - now) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new RolloutOutcome(false, last, "stopped waiting for " + api.label() + ": interrupted", problems(isvc));
            }
        }
    }

    /** The conditions that are not True, then the predictor pods that are not ready and why. */
    private List<String> problems(InferenceServiceView isvc) {
        List<String> problems = new ArrayList<>(isvc.conditions().stream().filter(c -> !"True".equals(c.status())).map(Condition::describe).toList());
        try {
            api.pods().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                    .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getName()))
                    .map(PodProblems::describe).flatMap(Optional::stream).limit(10).forEach(problems::add);
        } catch (ServingException e) {
            problems.add("could not list the pods of " + api.label() + ": " + e.getMessage());
        }
        return problems;
    }
}
