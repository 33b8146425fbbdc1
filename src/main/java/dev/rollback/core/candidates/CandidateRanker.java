package dev.rollback.core.candidates;

import dev.rollback.config.ServiceConfig;
import dev.rollback.core.AuditTags;
import dev.rollback.core.registry.ModelVersion;
import dev.rollback.core.status.LiveVersion;
import dev.rollback.core.status.RegistryView;
import dev.rollback.core.status.StatusService;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Ranks rollback targets from one registry snapshot. Pure: no I/O, so the rules are unit-tested.
 *
 * <p>Order: healthy baselines (newest first), then versions that were live before (most recently
 * live first), then archived versions (newest first). Never the live version, never one tagged as
 * rolled back from, never one that is not READY.
 */
public final class CandidateRanker {

    private static final Comparator<ModelVersion> NEWEST_FIRST =
            Comparator.comparingLong(ModelVersion::number).reversed();

    private CandidateRanker() {
    }

    public static Candidates rank(RegistryView view) {
        ServiceConfig service = view.service();
        Optional<ModelVersion> live = StatusService.resolveLive(view).map(LiveVersion::version);
        List<ModelVersion> baselines = new ArrayList<>();
        List<ModelVersion> previouslyLive = new ArrayList<>();
        List<ModelVersion> archived = new ArrayList<>();
        List<Exclusion> excluded = new ArrayList<>();

        for (ModelVersion v : view.versions().stream().sorted(NEWEST_FIRST).toList()) {
            Optional<Exclusion> exclusion = exclusionOf(v, live);
            if (exclusion.isPresent()) {
                excluded.add(exclusion.get());
            } else if (v.hasTag(service.baseline().tagKey(), service.baseline().tagValue())) {
                baselines.add(v);
            } else if (wasLive(v, service)) {
                previouslyLive.add(v);
            } else if ("Archived".equalsIgnoreCase(v.stage())) {
                archived.add(v);
            } else {
                excluded.add(new Exclusion(v, Exclusion.Reason.NO_EVIDENCE,
                        "never live, not a healthy baseline, not archived: nothing vouches for it"));
            }
        }
        previouslyLive.sort(Comparator.comparing((ModelVersion v) -> v.tag(AuditTags.LIVE_UNTIL).orElse(""))
                .reversed().thenComparing(NEWEST_FIRST));

        List<Candidate> ranked = new ArrayList<>();
        for (ModelVersion v : baselines) {
            ranked.add(candidate(ranked, v, Candidate.Tier.HEALTHY_BASELINE,
                    "healthy baseline (tag " + service.baseline().tagKey() + "=" + service.baseline().tagValue() + ")"));
        }
        for (ModelVersion v : previouslyLive) {
            ranked.add(candidate(ranked, v, Candidate.Tier.PREVIOUSLY_LIVE, previouslyLiveReason(v, service)));
        }
        for (ModelVersion v : archived) {
            ranked.add(candidate(ranked, v, Candidate.Tier.ARCHIVED, "archived version"));
        }
        return new Candidates(service.name(), service.model().name(), live.map(ModelVersion::version),
                service.model().primaryMetric(), List.copyOf(ranked), List.copyOf(excluded));
    }

    private static Optional<Exclusion> exclusionOf(ModelVersion v, Optional<ModelVersion> live) {
        if (live.isPresent() && live.get().version().equals(v.version())) {
            return Optional.of(new Exclusion(v, Exclusion.Reason.LIVE, "is the live version"));
        }
        if (v.hasTag(AuditTags.ROLE, AuditTags.ROLE_ROLLED_BACK_FROM)) {
            return Optional.of(new Exclusion(v, Exclusion.Reason.ROLLED_BACK_FROM, "tagged as rolled back from"
                    + v.tag(AuditTags.AT).map(at -> " at " + at).orElse("")
                    + v.tag(AuditTags.REASON).map(r -> " (reason: " + r + ")").orElse("")));
        }
        if (!v.isReady()) {
            return Optional.of(new Exclusion(v, Exclusion.Reason.NOT_READY, "status is " + v.status() + ", not READY"));
        }
        return Optional.empty();
    }

    /** Evidence of past service: our own audit tags, or a leftover in the live stage. */
    private static boolean wasLive(ModelVersion v, ServiceConfig service) {
        String stage = service.live().stage();
        return v.tag(AuditTags.LIVE_UNTIL).isPresent()
                || v.hasTag(AuditTags.ROLE, AuditTags.ROLE_ROLLBACK_TARGET)
                || (stage != null && stage.equalsIgnoreCase(v.stage()));
    }

    private static String previouslyLiveReason(ModelVersion v, ServiceConfig service) {
        Optional<String> until = v.tag(AuditTags.LIVE_UNTIL);
        if (until.isPresent()) {
            return "was live until " + until.get();
        }
        if (v.hasTag(AuditTags.ROLE, AuditTags.ROLE_ROLLBACK_TARGET)) {
            return "was live after a rollback" + v.tag(AuditTags.AT).map(at -> " at " + at).orElse("");
        }
        return "still in stage '" + service.live().stage() + "' but not live: was live before";
    }

    private static Candidate candidate(List<Candidate> sofar, ModelVersion v, Candidate.Tier tier, String reason) {
        return new Candidate(sofar.size() + 1, v, tier, reason, OptionalDouble.empty());
    }
}
