package dev.rollback.adapters.serving.helm;

import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The major version decides how we wait: Helm 4 replaced Helm 3's readiness poller behind {@code --wait} with a
 * kstatus watcher (HIP-0022, helm#13604), which also waits for old pods to be gone and for custom resources to be
 * ready; on a broken cluster that can hang a rollback that Helm 3 would have finished. Helm 4 still offers the Helm 3
 * waiter as {@code --wait=legacy} (helm#31421; Helm 3 rejects that value: its --wait is a plain bool), so a rollback
 * waits the same way on both.
 *
 * @param text  what {@code helm version --template {{.Version}}} printed, e.g. "v3.21.0"
 * @param major 3 or 4
 */
public record HelmVersion(String text, int major) {

    private static final Pattern VERSION = Pattern.compile("^v?(\\d+)\\.(\\d+)");

    /** Helm 2 (Tiller) and unknown majors are refused: their history and rollback behave differently. */
    static HelmVersion check(String stdout, String failure) {
        String text = stdout == null ? "" : stdout.strip();
        Matcher m = VERSION.matcher(text);
        if (!m.find()) {
            // Helm 2's "version" has no {{.Version}} field (it prints Client/Server), so its template fails.
            throw new ServingException(Kind.REJECTED, "could not tell the Helm version (helm version --template "
                    + "{{.Version}} printed '" + text + "'" + (failure.isEmpty() ? "" : ", " + failure)
                    + "); rollback needs Helm 3 (Helm 2 is too old)");
        }
        int major = Integer.parseInt(m.group(1));
        if (major < 3) {
            throw new ServingException(Kind.REJECTED, "Helm " + text + " is too old: rollback needs Helm 3 or 4 "
                    + "(Helm 2 keeps releases in Tiller, which has been unsupported since 2020)");
        }
        if (major > 4) {
            throw new ServingException(Kind.REJECTED, "Helm " + text + " is not supported yet: rollback knows the "
                    + "behaviour of Helm 3 and 4 only");
        }
        return new HelmVersion(text, major);
    }

    /** The wait flag that gives Helm 3's readiness semantics on this Helm. */
    String waitFlag() {
        return major >= 4 ? "--wait=legacy" : "--wait";
    }

    /** For the plan: what differs on Helm 4, empty on Helm 3. */
    Optional<String> note() {
        if (major < 4) {
            return Optional.empty();
        }
        return Optional.of("Helm " + text + " detected: Helm 4's --wait uses the kstatus watcher (waits for old pods to "
                + "be gone and for custom resources); this rollback passes --wait=legacy to wait like Helm 3 "
                + "(pods, services and Deployment minimum availability ready)");
    }
}
