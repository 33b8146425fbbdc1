package dev.rollback.core.features;

import dev.rollback.core.plan.Check;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.plan.PlannedRollback;

import java.util.List;
import java.util.Optional;

/**
 * The plan for a feature-pipeline rollback: the commit to restore (empty when refused before one was
 * found), what changes in the pipeline's files and DVC outputs, and every check.
 */
public record FeatureRollbackPlan(Plan plan, Optional<Commit> from, Optional<Commit> to, String branch,
        List<FileChange> files, List<DataChange> data, List<Check> checks) implements PlannedRollback {

    public FeatureRollbackPlan {
        files = List.copyOf(files);
        data = List.copyOf(data);
        checks = List.copyOf(checks);
    }

    @Override
    public String headline() {
        return from.isPresent() && to.isPresent()
                ? "feature pipeline " + from.get().shortId() + " → " + to.get().shortId() : "feature pipeline";
    }

    @Override
    public List<String> notes() {
        if (to.isEmpty()) {
            return List.of();
        }
        List<String> notes = new java.util.ArrayList<>();
        notes.add("restores " + files.size() + " file(s): " + summary(files.stream().map(f -> f.status() + " "
                + f.path()).toList()));
        notes.add(data.isEmpty() ? "no DVC output changes"
                : "DVC outputs: " + summary(data.stream().map(d -> d.path() + " " + shortHash(d.before()) + " → "
                        + shortHash(d.after())).toList()));
        return notes;
    }

    private static String summary(List<String> items) {
        int shown = Math.min(items.size(), 10);
        String head = String.join(", ", items.subList(0, shown));
        return items.size() > shown ? head + " (+" + (items.size() - shown) + " more)" : head;
    }

    /** The hash as people compare it: the first 8 characters; "none" for a missing side. */
    public static String shortHash(String hash) {
        if (hash == null) {
            return "none";
        }
        String suffix = hash.endsWith(".dir") ? ".dir" : "";
        String bare = hash.substring(0, hash.length() - suffix.length());
        return (bare.length() > 8 ? bare.substring(0, 8) : bare) + suffix;
    }
}
