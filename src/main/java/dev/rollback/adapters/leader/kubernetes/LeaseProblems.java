package dev.rollback.adapters.leader.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.util.Optional;

/** A failed Lease call as one line an operator can act on; empty for the races the election expects. */
final class LeaseProblems {

    private LeaseProblems() {
    }

    static Optional<String> describe(KubernetesClientException e, String masterUrl, String lease, String namespace,
            Duration retry) {
        int code = e.getCode();
        if (code == 409) {
            return Optional.empty(); // another replica wrote the Lease between our read and write: the election's race
        }
        String where = "the leader Lease " + lease + " in namespace " + namespace;
        String again = "; trying again every " + retry.toMillis() / 1000.0 + " s";
        String message;
        if (code <= 0) {
            message = "cannot reach the Kubernetes API at " + masterUrl + " for " + where + again;
        } else if (code == 401) {
            message = "the Kubernetes API rejected the credentials (HTTP 401) for " + where + again;
        } else if (code == 403) {
            message = "not allowed to use " + where + " (HTTP 403): the service account needs get, create and patch "
                    + "on leases.coordination.k8s.io in " + namespace + " (see the Role in src/main/k8s/rollback-watch.yaml)"
                    + again;
        } else if (code == 404) {
            message = "cannot create " + where + ": the namespace does not exist (HTTP 404)" + again;
        } else {
            String status = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : "no details";
            message = "the Kubernetes API failed (HTTP " + code + ") on " + where + ": " + status + again;
        }
        return Optional.of(message);
    }
}
