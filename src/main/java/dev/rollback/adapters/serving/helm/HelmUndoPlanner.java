package dev.rollback.adapters.serving.helm;

import dev.rollback.adapters.serving.helm.HelmHistory.Entry;
import dev.rollback.adapters.serving.helm.HelmReleaseReader.Content;
import dev.rollback.core.Refusal;
import dev.rollback.core.infra.InfraChange;
import dev.rollback.core.infra.UndoRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Picks the revision a Helm release goes back to, around Helm's two known traps: a release stuck in pending-*
 * blocks every operation (helm#11863), and a failed revision is no rollback target (helm#3722).
 */
final class HelmUndoPlanner {

    private final String namespace;
    private final String release;
    private final String object;

    HelmUndoPlanner(String namespace, String release, String object) {
        this.namespace = namespace;
        this.release = release;
        this.object = object;
    }

    InfraChange plan(List<Entry> history, UndoRequest request, LongFunction<Content> content, Optional<String> versionNote) {
        Entry latest = HelmHistory.latest(history);
        List<String> notes = new ArrayList<>();
        if (latest.pending()) {
            Entry fixTo = pendingFixTarget(history, latest, request);
            if (!request.fixPending()) {
                throw new Refusal(object + " is stuck in " + latest.status() + " (revision " + latest.revision()
                        + ", \"" + latest.description() + "\"): Helm refuses every operation until it is cleared "
                        + "(helm#11863). If no helm operation is really running (no CI job, no Flux reconcile, no helm "
                        + "process), rerun with --fix-pending to clear it by rolling back to revision " + fixTo.revision()
                        + " (helm rollback " + release + " " + fixTo.revision() + ": Helm's rollback, unlike upgrade, "
                        + "accepts a pending release).");
            }
            notes.add(pendingFixNote(latest, fixTo));
            return change(history, latest, fixTo, content, notes, versionNote);
        }
        Entry target = request.toRevision().isPresent()
                ? chosen(history, latest, request.toRevision().getAsLong())
                : previous(history, latest);
        List<String> skipped = history.stream()
                .filter(e -> e.revision() > target.revision() && e.revision() < latest.revision() && !e.good())
                .map(e -> e.revision() + " (" + e.status() + ")").toList();
        if (!skipped.isEmpty() && request.toRevision().isEmpty()) {
            notes.add("skipped revision(s) " + String.join(", ", skipped) + ": a failed revision never deployed fully, "
                    + "so it is no rollback target (helm rollback without a revision would pick it, helm#3722)");
        }
        if (latest.status().equals("failed")) {
            notes.add("revision " + latest.revision() + " failed part-way, so the cluster may run a mix of it and revision "
                    + HelmHistory.newestDeployed(history).map(e -> Long.toString(e.revision())).orElse("?")
                    + "; the rollback re-applies revision " + target.revision() + " in full");
        }
        return change(history, latest, target, content, notes, versionNote);
    }

    /** The last good revision before the pending one (or the one asked for): what the release ran before it got stuck. */
    private Entry pendingFixTarget(List<Entry> history, Entry latest, UndoRequest request) {
        if (request.toRevision().isPresent()) {
            return chosen(history, latest, request.toRevision().getAsLong());
        }
        return history.stream().filter(e -> e.revision() < latest.revision() && e.good())
                .reduce((a, b) -> b)
                .orElseThrow(() -> new Refusal(object + " is stuck in " + latest.status() + " (revision "
                        + latest.revision() + ") and has no deployed or superseded revision to roll back to, so Helm "
                        + "cannot clear it by a rollback. Once no helm operation is running, `helm uninstall " + release
                        + " -n " + namespace + "` (deletes the release) or deleting its Secret sh.helm.release.v1."
                        + release + ".v" + latest.revision() + " clears it; rollback does neither for you."));
    }

    private String pendingFixNote(Entry pending, Entry to) {
        return "--fix-pending: runs `helm rollback " + release + " " + to.revision() + "` on the release stuck in "
                + pending.status() + " (revision " + pending.revision() + "). Helm's rollback does not refuse a pending "
                + "release (upgrade does); it creates revision " + (pending.revision() + 1) + " with revision "
                + to.revision() + "'s manifest and values, marks the deployed revision superseded, and leaves revision "
                + pending.revision() + " in history as " + pending.status() + ", no longer blocking. Nothing is deleted. "
                + "Only safe if no helm operation is really running; undoing this re-applies revision "
                + pending.revision() + "'s manifest, not its pending state.";
    }

    private Entry chosen(List<Entry> history, Entry latest, long revision) {
        String good = goodRevisions(history, latest);
        Entry e = HelmHistory.find(history, revision).orElseThrow(() -> new Refusal(object + " has no revision "
                + revision + "; revisions to roll back to: " + good + " (helm history keeps at most --history-max, default 10)"));
        if (!e.good()) {
            throw new Refusal("revision " + revision + " of " + object + " is " + e.status() + ": Helm cannot roll back "
                    + "to a revision that never deployed (helm#3722). Revisions to roll back to: " + good);
        }
        if (e.revision() == latest.revision()) {
            throw new Refusal("revision " + revision + " of " + object + " is already live; revisions to roll back to: " + good);
        }
        return e;
    }

    /** The newest good revision before the latest: the one live before the current one. */
    private Entry previous(List<Entry> history, Entry latest) {
        return history.stream().filter(e -> e.revision() < latest.revision() && e.good())
                .reduce((a, b) -> b)
                .orElseThrow(() -> new Refusal("nothing to roll back to: " + object + " has no deployed or superseded "
                        + "revision before revision " + latest.revision() + " (history: " + summary(history) + ")"));
    }

    private InfraChange change(List<Entry> history, Entry from, Entry to, LongFunction<Content> content,
            List<String> notes, Optional<String> versionNote) {
        Content fromContent = content.apply(from.revision());
        Content toContent = content.apply(to.revision());
        notes.add("helm rollback creates a new revision (" + (from.revision() + 1) + ") with revision " + to.revision()
                + "'s manifest; hooks and anything outside the chart (DB migrations, CRDs) are not rolled back");
        if (from.description().startsWith("Rollback to ")) {
            notes.add("revision " + from.revision() + " is itself a rollback (\"" + from.description() + "\"); going back "
                    + "to revision " + to.revision() + " re-deploys what that rollback replaced");
        }
        if (!toContent.modelProblem().isEmpty()) {
            notes.add("model reference unknown: " + toContent.modelProblem());
        }
        fromContent.gitOps().ifPresent(g -> notes.add(g.tool() + " (" + g.owner() + ") manages this release and will "
                + "upgrade it back at its next sync; pause it first: " + g.pause()));
        versionNote.ifPresent(notes::add);
        Map<String, String> params = Map.of("release", release, "namespace", namespace,
                "toRevision", Long.toString(to.revision()), "fromRevision", Long.toString(from.revision()),
                "fromStatus", from.status());
        return new InfraChange("helm rollback to revision " + to.revision(),
                HelmReleaseReader.describe(from, fromContent), HelmReleaseReader.describe(to, toContent),
                toContent.modelReference(), params, notes);
    }

    private static String goodRevisions(List<Entry> history, Entry latest) {
        List<String> good = history.stream().filter(e -> e.good() && e.revision() != latest.revision())
                .map(e -> e.revision() + " (" + e.status() + ", " + e.chart() + ")").toList();
        return good.isEmpty() ? "none" : String.join(", ", good);
    }

    private static String summary(List<Entry> history) {
        return String.join(", ", history.stream().map(e -> e.revision() + " " + e.status()).toList());
    }
}
