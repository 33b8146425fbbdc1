package dev.rollback.adapters.lock.kubernetes;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.HttpURLConnection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/** The Lease calls both the manager and a held lock make, with errors turned into what an on-call human can act on. */
final class Leases {

    static final int CONFLICT = HttpURLConnection.HTTP_CONFLICT;

    private final KubernetesClient client;
    private final String namespace;

    Leases(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    String namespace() {
        return namespace;
    }

    /** The lease, or null when there is none. */
    Lease get(String name) {
        return call(() -> client.leases().inNamespace(namespace).withName(name).get(), false);
    }

    /** Create; a 409 (someone created it first) is thrown as is for the caller to handle. */
    Lease create(Lease lease) {
        return call(() -> client.leases().inNamespace(namespace).resource(lease).create(), false);
    }

    /**
     * PUT carrying the lease's resourceVersion: a stale one gets 409, a deleted lease 404; both thrown as is
     * (see {@link #lostRace}) because they mean "someone else changed it", not "the API is unusable".
     */
    Lease update(Lease lease) {
        return call(() -> client.leases().inNamespace(namespace).resource(lease).update(), true);
    }

    static boolean lostRace(KubernetesClientException e) {
        return e.getCode() == CONFLICT || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND;
    }

    private <T> T call(Supplier<T> request, boolean passNotFound) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == CONFLICT || (passNotFound && lostRace(e))) {
                throw e;
            }
            throw unavailable(e);
        }
    }

    private LockUnavailableException unavailable(KubernetesClientException e) {
        String rbac = "the credentials need get, create and update on leases.coordination.k8s.io in namespace "
                + namespace;
        int code = e.getCode();
        String message;
        if (code <= 0) { // no HTTP answer at all: connection refused, DNS, TLS, timeout
            message = "cannot reach the Kubernetes API at " + client.getMasterUrl()
                    + " for the rollback lock in namespace " + namespace
                    + ": check the kube context, the network and the VPN";
        } else if (code == 401) {
            message = "the Kubernetes API rejected the credentials (HTTP 401) for the rollback lock in namespace "
                    + namespace + ": log in again or check the kube context";
        } else if (code == 403) {
            message = "not allowed to use the rollback lock in namespace " + namespace + " (HTTP 403): " + rbac;
        } else if (code == 404) {
            message = "cannot take the rollback lock: namespace " + namespace + " does not exist (HTTP 404)";
        } else {
            message = "the Kubernetes API failed (HTTP " + code + ") on the rollback lock in namespace " + namespace
                    + ": " + (e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage());
        }
        return new LockUnavailableException(message, e);
    }

    /** Lease times are MicroTime (microseconds): truncate so what we write is exactly what we read back. */
    static ZonedDateTime micro(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
    }

    static String holder(Lease lease) {
        String holder = lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
        return holder == null ? "" : holder;
    }

    static Instant acquiredAt(Lease lease) {
        LeaseSpec spec = lease.getSpec();
        return spec == null || spec.getAcquireTime() == null ? null : spec.getAcquireTime().toInstant();
    }

    /** renewTime (else acquireTime) + leaseDurationSeconds; a lease missing them counts as long expired. */
    static Instant expiresAt(Lease lease) {
        LeaseSpec spec = lease.getSpec();
        if (spec == null) {
            return Instant.EPOCH;
        }
        ZonedDateTime last = spec.getRenewTime() != null ? spec.getRenewTime() : spec.getAcquireTime();
        int seconds = spec.getLeaseDurationSeconds() == null ? 0 : spec.getLeaseDurationSeconds();
        return last == null ? Instant.EPOCH : last.toInstant().plusSeconds(seconds);
    }
}
