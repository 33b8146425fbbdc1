package dev.rollback.core.drill;

import dev.rollback.core.drill.StateSnapshot.VersionState;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * One thing that differs between the state a drill started from and the state now. The differences people read
 * and the steps that restore are both made from these, so whatever is reported as different is what gets restored.
 *
 * @param version  the version concerned; null for an alias or serving
 * @param key      the alias name or the tag key; null otherwise
 * @param original the value in the original state; null when it was not there
 * @param now      the value now; null when it is not there
 */
record StateSnapshotChange(Kind kind, String version, String key, String original, String now) {

    enum Kind {
        /** registered or deleted since: versions are never created or deleted by a restore */
        VERSION,
        ALIAS,
        STAGE,
        TAG,
        SERVING
    }

    static final String NONE = "(none)";

    /** Every difference: aliases, then each version by number (its stage, then its tags by key), then serving. */
    static List<StateSnapshotChange> between(StateSnapshot original, StateSnapshot now) {
        List<StateSnapshotChange> changes = new ArrayList<>();
        compare(original.aliases(), now.aliases(), (alias, was, is) ->
                changes.add(new StateSnapshotChange(Kind.ALIAS, null, alias, was, is)));
        TreeSet<String> versions = new TreeSet<>(StateSnapshot.BY_VERSION_NUMBER);
        versions.addAll(original.versions().keySet());
        versions.addAll(now.versions().keySet());
        for (String version : versions) {
            VersionState was = original.versions().get(version);
            VersionState is = now.versions().get(version);
            if (was == null || is == null) {
                changes.add(new StateSnapshotChange(Kind.VERSION, version, null, was == null ? null : "registered",
                        is == null ? null : "registered"));
                continue;
            }
            if (!was.stage().equals(is.stage())) {
                changes.add(new StateSnapshotChange(Kind.STAGE, version, null, was.stage(), is.stage()));
            }
            compare(was.tags(), is.tags(), (key, before, after) ->
                    changes.add(new StateSnapshotChange(Kind.TAG, version, key, before, after)));
        }
        if (!Objects.equals(original.servingReference(), now.servingReference())) {
            changes.add(new StateSnapshotChange(Kind.SERVING, null, null, original.servingReference(),
                    now.servingReference()));
        }
        return changes;
    }

    /** One line, original → now: "alias champion: v7 → v5", "v7 tag rollback.role: (none) → rolled_back_from". */
    String describe() {
        return switch (kind) {
            case VERSION -> "v" + version + ": " + shown(original) + " → " + shown(now);
            case ALIAS -> "alias " + key + ": " + versionOrNone(original) + " → " + versionOrNone(now);
            case STAGE -> "stage of v" + version + ": " + original + " → " + now;
            case TAG -> "v" + version + " tag " + key + ": " + shown(original) + " → " + shown(now);
            case SERVING -> "serving: " + shown(original) + " → " + shown(now);
        };
    }

    private interface Difference {
        void found(String key, String original, String now);
    }

    private static void compare(SortedMap<String, String> original, SortedMap<String, String> now, Difference found) {
        TreeSet<String> keys = new TreeSet<>(original.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            if (!Objects.equals(original.get(key), now.get(key))) {
                found.found(key, original.get(key), now.get(key));
            }
        }
    }

    private static String versionOrNone(String version) {
        return version == null ? NONE : "v" + version;
    }

    /** Tag values may hold line breaks (a pasted reason): escaped, so each difference stays one line. */
    private static String shown(String value) {
        return value == null ? NONE : value.replace("\r", "\\r").replace("\n", "\\n");
    }
}
