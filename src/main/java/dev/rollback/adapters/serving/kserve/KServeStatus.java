package dev.rollback.adapters.serving.kserve;

import dev.rollback.adapters.serving.kserve.InferenceServiceView.Condition;
import dev.rollback.adapters.serving.kserve.InferenceServiceView.Traffic;
import dev.rollback.core.infra.RolloutPhase;
import dev.rollback.core.infra.ServingRevision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Phase and history of an InferenceService, from its conditions and predictor status only. */
final class KServeStatus {

    record Phase(RolloutPhase phase, String detail) {
    }

    /** Most specific first: the first one not True says why the service is not Ready. */
    private static final List<String> CONDITIONS = List.of("PredictorConfigurationReady", "LatestDeploymentReady", "PredictorRouteReady",
            "PredictorReady", "IngressReady", "Ready");

    private KServeStatus() {
    }

    static Phase phase(InferenceServiceView isvc) {
        if (!isvc.hasStatus()) {
            return new Phase(RolloutPhase.UNKNOWN, "the KServe controller has not reported a status yet");
        }
        Optional<Condition> notReady = notReady(isvc);
        if (notReady.isPresent()) {
            // Knative conditions: Unknown while a revision deploys, False once it failed
            return new Phase("False".equals(notReady.get().status()) ? RolloutPhase.STUCK : RolloutPhase.PROGRESSING, notReady.get().describe());
        }
        if (!isvc.trafficMatchesSpec()) {
            return new Phase(RolloutPhase.PROGRESSING, "waiting for KServe to route traffic as spec asks (now: " + traffic(isvc) + ")");
        }
        Optional<Traffic> latest = isvc.latestTarget();
        Optional<Traffic> previous = isvc.previousTarget();
        if (latest.isPresent() && previous.isPresent() && !latest.get().revision().equals(previous.get().revision())) {
            if (latest.get().percent() == 0) {
                return new Phase(RolloutPhase.COMPLETE, "canary at 0%: all traffic on previous revision " + previous.get().revision()
                        + ", none to latest revision " + latest.get().revision());
            }
            return new Phase(RolloutPhase.PROGRESSING, "canary: " + latest.get().percent() + "% to latest revision " + latest.get().revision()
                    + ", " + previous.get().percent() + "% to previous " + previous.get().revision());
        }
        return new Phase(RolloutPhase.COMPLETE, "");
    }

    static Optional<Condition> notReady(InferenceServiceView isvc) {
        if (isvc.condition("Ready").map(c -> "True".equals(c.status())).orElse(false)) {
            return Optional.empty();
        }
        return CONDITIONS.stream().map(isvc::condition).flatMap(Optional::stream).filter(c -> !"True".equals(c.status())).findFirst()
                .or(() -> Optional.of(new Condition("Ready", "Unknown", "", "no Ready condition yet")));
    }

    /** "90% fraud-predictor-00001 (prev), 10% fraud-predictor-00002 (latest)" */
    static String traffic(InferenceServiceView isvc) {
        List<String> parts = new ArrayList<>();
        for (Traffic t : isvc.traffic()) {
            parts.add(t.percent() + "% " + (t.revision().isEmpty() ? "the latest ready revision" : t.revision())
                    + (t.latest() ? " (latest)" : t.tag().isEmpty() ? "" : " (" + t.tag() + ")"));
        }
        return parts.isEmpty() ? "no traffic targets" : String.join(", ", parts);
    }

    /**
     * All KServe itself remembers: the previous and latest rolled-out revisions, plus the latest ready and
     * created ones when they differ (a canary, or a revision that is not ready). Older revisions, and the
     * model each old revision serves, live only in Knative's Revision objects, which this adapter does not
     * read; so the model reference is known only for the revision the current spec creates.
     */
    static List<ServingRevision> history(InferenceServiceView isvc) {
        Map<String, String> statuses = new LinkedHashMap<>();
        put(statuses, isvc.predictorStatus("previousRolledoutRevision"), "previously rolled out");
        put(statuses, isvc.predictorStatus("latestRolledoutRevision"), "rolled out");
        put(statuses, isvc.predictorStatus("latestReadyRevision"), isvc.canaryPercent().isPresent() ? "canary" : "latest");
        put(statuses, isvc.predictorStatus("latestCreatedRevision"), "created, not ready");
        String live = isvc.predictorStatus("latestRolledoutRevision").isEmpty() ? isvc.predictorStatus("latestReadyRevision")
                : isvc.predictorStatus("latestRolledoutRevision");
        String created = isvc.predictorStatus("latestCreatedRevision");
        List<ServingRevision> revisions = new ArrayList<>();
        statuses.forEach((revision, status) -> {
            int percent = isvc.traffic().stream().filter(t -> revision.equals(t.revision())).mapToInt(Traffic::percent).sum();
            boolean current = revision.equals(created);
            revisions.add(new ServingRevision(number(revision), null, current ? isvc.images() : List.of(),
                    current ? isvc.storageUri().orElse("") : "", current ? isvc.annotations().getOrDefault(InferenceServiceApi.CHANGE_CAUSE, "") : "",
                    status + ", " + percent + "% traffic (" + revision + ")", revision.equals(live)));
        });
        revisions.sort(Comparator.comparingLong(ServingRevision::number));
        return revisions;
    }

    /** Knative names revisions {@code <configuration>-00007}: the number is the configuration's generation. */
    static long number(String revision) {
        int dash = revision.lastIndexOf('-');
        try {
            return Long.parseLong(revision.substring(dash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void put(Map<String, String> statuses, String revision, String status) {
        if (!revision.isEmpty()) {
            statuses.putIfAbsent(revision, status);
        }
    }
}
