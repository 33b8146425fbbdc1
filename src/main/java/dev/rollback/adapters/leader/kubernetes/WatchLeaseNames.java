package dev.rollback.adapters.leader.kubernetes;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Lease the watch replicas of one service elect their leader with: {@code rollback-watch-<service>}. It is not
 * the rollback lock ({@code rollback-<service>}): leading the watch and running a rollback are different claims, and a
 * hand-run {@code rollback model} must still be able to take the lock while a watch leads.
 */
final class WatchLeaseNames {

    /** Service names usable in an object name as they are (a DNS label). */
    private static final Pattern SAFE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private WatchLeaseNames() {
    }

    /**
     * Config allows service names Kubernetes does not ('_', upper case, any length): those get '-' for every other
     * character plus a short hash of the real name, so that {@code home_recsys} and {@code home-recsys} never share a
     * leader (the same rule as the rollback lock's Lease name).
     */
    static String of(String service) {
        if (SAFE.matcher(service).matches()) {
            return "rollback-watch-" + service;
        }
        String safe = service.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        safe = safe.substring(0, Math.min(safe.length(), 60)).replaceAll("-+$", "").replaceAll("^-+", "");
        return "rollback-watch-" + (safe.isEmpty() ? "" : safe + "-") + Integer.toHexString(service.hashCode() & 0xfffffff);
    }
}
