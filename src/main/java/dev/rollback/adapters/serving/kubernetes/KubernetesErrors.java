package dev.rollback.adapters.serving.kubernetes;

import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Classifies fabric8 failures into {@link ServingException} kinds; messages name the object, never credentials. */
public final class KubernetesErrors {

    private KubernetesErrors() {
    }

    public static ServingException classify(String object, String action, KubernetesClientException e) {
        int code = e.getCode();
        String apiMessage = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage() : rootMessage(e);
        return switch (code) {
            case 404 -> new ServingException(Kind.NOT_FOUND, object + " not found", e);
            case 409 -> new ServingException(Kind.CONFLICT,
                    object + " changed while we were writing it; nothing was overwritten: " + apiMessage, e);
            case 401, 403 -> new ServingException(Kind.FORBIDDEN,
                    "not allowed to " + action + " " + object + " (HTTP " + code + "): " + apiMessage, e);
            case 400, 415, 422 -> new ServingException(Kind.REJECTED,
                    "the API server rejected the change to " + object + " (HTTP " + code + "): " + apiMessage, e);
            default -> new ServingException(Kind.UNREACHABLE, "could not " + action + " " + object + ": "
                    + (code > 0 ? "HTTP " + code + ": " + apiMessage : "the Kubernetes API did not answer: " + rootMessage(e)), e);
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
