package dev.rollback.adapters.kubernetes;

/** The Kubernetes connection cannot be set up as asked (bad kubeconfig, unknown context); one sentence, no secrets. */
public class KubernetesConfigException extends IllegalArgumentException {

    public KubernetesConfigException(String message) {
        super(message);
    }

    public KubernetesConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
