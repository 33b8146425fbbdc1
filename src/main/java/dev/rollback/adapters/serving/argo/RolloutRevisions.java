package dev.rollback.adapters.serving.argo;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Rollout's ReplicaSets as its history, oldest revision first. A revision is identified by its pod template
 * hash, not its number: Argo gives a ReplicaSet the next number when its template comes back (an undo), so
 * numbers move while hashes stay.
 */
final class RolloutRevisions {

    record Entry(ReplicaSet rs, long number, String hash) {

        Map<String, Object> template() {
            return RolloutTemplates.restorable(rs);
        }

        String changeCause() {
            Map<String, String> annotations = rs.getMetadata().getAnnotations();
            Map<String, String> template = rs.getSpec().getTemplate().getMetadata() == null ? null
                    : rs.getSpec().getTemplate().getMetadata().getAnnotations();
            String cause = annotations == null ? null : annotations.get(RolloutApi.CHANGE_CAUSE);
            return cause != null ? cause : template == null ? "" : template.getOrDefault(RolloutApi.CHANGE_CAUSE, "");
        }
    }

    private final List<Entry> entries;

    RolloutRevisions(List<ReplicaSet> replicaSets) {
        this.entries = replicaSets.stream().map(rs -> new Entry(rs, number(rs), hash(rs)))
                .sorted(Comparator.comparingLong(Entry::number)).toList();
    }

    List<Entry> all() {
        return entries;
    }

    Optional<Entry> byHash(String hash) {
        return entries.stream().filter(e -> e.hash().equals(hash)).findFirst();
    }

    Optional<Entry> byNumber(long number) {
        return entries.stream().filter(e -> e.number() == number).findFirst();
    }

    /** The ReplicaSet whose template spec.template holds now: the one status names, if it still matches. */
    Optional<Entry> current(RolloutView rollout) {
        Optional<Entry> recorded = byHash(rollout.currentHash()).filter(e -> RolloutTemplates.matches(rollout.template(), e.template()));
        return recorded.isPresent() ? recorded
                : entries.stream().filter(e -> RolloutTemplates.matches(rollout.template(), e.template())).reduce((a, b) -> b);
    }

    /** "7", or the hash when no ReplicaSet carries it any more. */
    String numberOf(String hash) {
        return byHash(hash).map(e -> String.valueOf(e.number())).orElse(hash.isEmpty() ? "?" : "with hash " + hash);
    }

    String numbers() {
        return entries.isEmpty() ? "none" : entries.stream().map(e -> String.valueOf(e.number())).collect(Collectors.joining(", "));
    }

    private static long number(ReplicaSet rs) {
        Map<String, String> annotations = rs.getMetadata().getAnnotations();
        try {
            return annotations == null ? 0 : Long.parseLong(annotations.getOrDefault(RolloutApi.REVISION, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String hash(ReplicaSet rs) {
        Map<String, String> labels = rs.getMetadata().getLabels();
        return labels == null ? "" : labels.getOrDefault(RolloutApi.HASH_LABEL, "");
    }
}
