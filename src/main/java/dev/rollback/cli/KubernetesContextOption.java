package dev.rollback.cli;

import picocli.CommandLine.Option;

/** {@code --context NAME} for the commands that reach the cluster, described the same way everywhere. */
public class KubernetesContextOption {

    @Option(names = "--context", paramLabel = "NAME",
            description = "Kubernetes context (default: from rollback.yaml, else the kubeconfig's current context).")
    String name;
}
