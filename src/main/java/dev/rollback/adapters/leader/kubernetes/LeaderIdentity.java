package dev.rollback.adapters.leader.kubernetes;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;

/**
 * Who claims the watch Lease, as people will read it in {@code kubectl get lease}: the pod name in a cluster (one
 * watch process per pod), else {@code user@host/pid} so that two watches started by hand on one machine differ.
 */
final class LeaderIdentity {

    private LeaderIdentity() {
    }

    static String of(Map<String, String> env, long pid) {
        String pod = env.get("POD_NAME"); // set from the downward API in the example manifest
        if (present(pod)) {
            return pod.strip();
        }
        String hostname = env.get("HOSTNAME");
        if (present(env.get("KUBERNETES_SERVICE_HOST")) && present(hostname)) {
            return hostname.strip(); // in a pod, HOSTNAME is the pod's name
        }
        String user = env.getOrDefault("USER", System.getProperty("user.name", "unknown"));
        return user + "@" + (present(hostname) ? hostname.strip() : localHost()) + "/" + pid;
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
