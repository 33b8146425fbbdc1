package dev.rollback.adapters.kubernetes;

import java.util.Locale;
import java.util.regex.Pattern;

/** Lease names derived from a service name: the rollback lock's and the watch leader's follow one rule. */
public final class LeaseNames {

    /** Service names usable in an object name as they are (a DNS label). */
    private static final Pattern SAFE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private LeaseNames() {
    }

    /**
     * {@code prefix + service}. Config allows service names Kubernetes does not ('_', upper case, any length):
     * those get '-' for every other character plus a short hash of the real name, so that {@code home_recsys} and
     * {@code home-recsys} never share a Lease.
     */
    public static String of(String prefix, String service) {
        if (SAFE.matcher(service).matches()) {
            return prefix + service;
        }
        String safe = service.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        safe = safe.substring(0, Math.min(safe.length(), 60)).replaceAll("-+$", "").replaceAll("^-+", "");
        return prefix + (safe.isEmpty() ? "" : safe + "-") + Integer.toHexString(service.hashCode() & 0xfffffff);
    }
}
