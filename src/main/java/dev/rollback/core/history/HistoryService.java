package dev.rollback.core.history;

import dev.rollback.core.AuditTags;
import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalState;
import dev.rollback.core.model.PrepareService;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.core.registry.ModelVersion;
import dev.rollback.core.status.RegistryView;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which version was live when, who changed it and why: local journals first (they hold the whole
 * story), then the registry's audit tags for rollbacks run elsewhere, and CI's prepare tags for
 * promotions. Newest first.
 */
public final class HistoryService {

    private HistoryService() {
    }

    public static List<HistoryEvent> history(RegistryView view, List<Journal> journals) {
        String service = view.service().name();
        List<HistoryEvent> events = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Journal journal : journals) {
            if (!journal.plan().service().equals(service)) {
                continue;
            }
            seen.add(journal.id());
            events.add(fromJournal(journal));
        }
        for (ModelVersion v : view.versions()) {
            if (v.hasTag(AuditTags.ROLE, AuditTags.ROLE_ROLLED_BACK_FROM)) {
                String id = v.tag(AuditTags.EVENT_ID).orElse("?");
                if (seen.add(id)) {
                    String to = view.versions().stream()
                            .filter(t -> t.hasTag(AuditTags.ROLE, AuditTags.ROLE_ROLLBACK_TARGET)
                                    && t.hasTag(AuditTags.EVENT_ID, id))
                            .map(ModelVersion::version).findFirst().orElse("?");
                    events.add(new HistoryEvent(time(v.tag(AuditTags.AT)), "ROLLBACK", id, v.version(), to,
                            v.tag(AuditTags.BY).orElse("?"), v.tag(AuditTags.REASON).orElse(""), "COMPLETED",
                            "registry"));
                }
            }
            v.tag(PrepareService.PREPARED_FOR_TAG).ifPresent(next -> events.add(new HistoryEvent(
                    time(v.tag(PrepareService.PREPARED_AT_TAG)), "PROMOTION", "-", v.version(), next, "ci (prepare)",
                    "v" + v.version() + " designated as rollback target", "PREPARED", "registry")));
        }
        events.sort(Comparator.comparing(HistoryEvent::at).reversed());
        return events;
    }

    private static HistoryEvent fromJournal(Journal journal) {
        JournalState state = JournalState.of(journal.entries());
        String from = "?";
        String to = "?";
        String kind = "ROLLBACK";
        for (StepSpec step : journal.plan().steps()) {
            if (step.params().containsKey("from") && step.params().containsKey("to")) {
                from = step.params().get("from");
                to = step.params().get("to");
            }
        }
        switch (journal.plan().kind()) {
            case "infra" -> { // serving only: revisions, not model versions
                kind = "SERVING_ROLLBACK";
                for (StepSpec step : journal.plan().steps()) {
                    from = step.params().getOrDefault("fromRevision", from);
                    to = step.params().getOrDefault("toRevision", to);
                }
            }
            case "features" -> { // commits of the feature pipeline
                kind = "FEATURES_ROLLBACK";
                for (StepSpec step : journal.plan().steps()) {
                    from = shortCommit(step.params().getOrDefault("base", from));
                    to = shortCommit(step.params().getOrDefault("target", to));
                }
            }
            case "retrain" -> { // a CI run from a dataset version: there is no "from"
                kind = "RETRAIN";
                from = "-";
                for (StepSpec step : journal.plan().steps()) {
                    to = "dataset " + step.params().getOrDefault("dataset", "?");
                }
            }
            case "drill-deploy" -> kind = "DRILL_DEPLOY"; // the drill's "bad release", undone by its own restore
            case "drill-restore" -> kind = "DRILL_RESTORE";
            default -> {
            }
        }
        return new HistoryEvent(journal.plan().createdAt(), kind, journal.id(), from, to, journal.plan().by(),
                journal.plan().reason(), state.outcome().map(Enum::name).orElse("UNFINISHED"), "journal");
    }

    private static String shortCommit(String id) {
        return id.length() > 9 ? id.substring(0, 9) : id;
    }

    private static Instant time(Optional<String> iso) {
        try {
            return iso.map(Instant::parse).orElse(Instant.EPOCH);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
