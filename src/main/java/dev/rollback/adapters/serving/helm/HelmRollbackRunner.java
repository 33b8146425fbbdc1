package dev.rollback.adapters.serving.helm;

import dev.rollback.adapters.serving.helm.HelmHistory.Entry;
import dev.rollback.core.infra.ChangeContext;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code helm rollback} for apply and revert, idempotently: the journal may replay a change after a crash, so each
 * run first looks in the history for the revision an earlier run created, and refuses to act on a release that
 * somebody else changed since the plan.
 */
final class HelmRollbackRunner {

    private final HelmCli cli;
    private final HelmReleaseReader reader;
    private final String namespace;
    private final String release;
    private final String object;

    HelmRollbackRunner(HelmCli cli, HelmReleaseReader reader, String namespace, String release, String object) {
        this.cli = cli;
        this.reader = reader;
        this.namespace = namespace;
        this.release = release;
        this.object = object;
    }

    String apply(Map<String, String> params, ChangeContext ctx) {
        long to = revision(params, "toRevision");
        long from = revision(params, "fromRevision");
        Entry latest = HelmHistory.latest(reader.history());
        if (latest.revision() > from && isRollbackTo(latest, to) && latest.status().equals("deployed")) {
            return "revision " + latest.revision() + " (rollback to " + to + ") already deployed; nothing to do";
        }
        // an earlier run of ours that died (pending-rollback) or failed may be retried: helm rollback accepts both
        boolean ourEarlierAttempt = latest.revision() > from && isRollbackTo(latest, to)
                || latest.revision() == from + 1 && failedRollback(latest);
        if (latest.revision() != from && !ourEarlierAttempt) {
            throw changed(latest, from);
        }
        return rollback(to, ctx);
    }

    String revert(Map<String, String> params, ChangeContext ctx) {
        long to = revision(params, "toRevision");
        long from = revision(params, "fromRevision");
        Entry latest = HelmHistory.latest(reader.history());
        if (latest.revision() == from) {
            return "revision " + from + " is still the latest; the rollback never ran, nothing to revert";
        }
        if (latest.revision() > from && isRollbackTo(latest, from) && latest.status().equals("deployed")) {
            return "revision " + latest.revision() + " (rollback to " + from + ") already deployed; nothing to do";
        }
        if (!(latest.revision() > from && (isRollbackTo(latest, to) || isRollbackTo(latest, from) || failedRollback(latest)))) {
            throw changed(latest, from);
        }
        return rollback(from, ctx);
    }

    private String rollback(long to, ChangeContext ctx) {
        HelmVersion version = cli.version();
        List<String> args = new ArrayList<>(List.of("rollback", release, Long.toString(to), version.waitFlag(),
                "--timeout", GoDuration.format(ctx.timeout())));
        // helm applies --timeout to each step (pre-rollback hooks, the wait, post-rollback hooks), so its total can
        // exceed it; killing helm mid-rollback would leave the release pending-rollback, the very trap we avoid.
        Duration processTimeout = ctx.timeout().multipliedBy(3).plusMinutes(1);
        cli.run(namespace, args, processTimeout,
                elapsed -> ctx.progress().accept("waiting for helm rollback (" + elapsed.toSeconds() + " s)"));
        Entry latest = HelmHistory.latest(reader.history());
        return "revision " + latest.revision() + " (rollback to " + to + ") " + latest.status();
    }

    private static boolean isRollbackTo(Entry e, long revision) {
        return e.description().equals("Rollback to " + revision);
    }

    /**
     * A rollback that failed loses its "Rollback to N" description: Helm writes "Rollback \"REL\" failed: ..." (apply
     * error) or "Release \"REL\" failed: ..." (--wait timed out). On an existing release only a rollback writes these;
     * a failed upgrade says "Upgrade \"REL\" failed".
     */
    private boolean failedRollback(Entry e) {
        return e.status().equals("failed") && (e.description().startsWith("Rollback \"" + release + "\" failed")
                || e.description().startsWith("Release \"" + release + "\" failed"));
    }

    private ServingException changed(Entry latest, long from) {
        return new ServingException(Kind.CONFLICT, object + " changed since the plan: it is at revision "
                + latest.revision() + " (" + latest.status() + ", \"" + latest.description() + "\"), the plan started "
                + "from revision " + from + "; nothing was changed, plan again");
    }

    private long revision(Map<String, String> params, String key) {
        String v = params.get(key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException | NullPointerException e) {
            throw new ServingException(Kind.REJECTED, "the journaled change for " + object + " has no valid " + key
                    + " ('" + v + "')");
        }
    }
}
