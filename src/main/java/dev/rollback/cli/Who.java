package dev.rollback.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Who is rolling back, for journals, tags and change causes: --by, $ROLLBACK_USER, git user.email, user@host. */
final class Who {

    private Who() {
    }

    static String resolve(String byFlag, Map<String, String> env, Path cwd) {
        if (byFlag != null && !byFlag.isBlank()) {
            return byFlag.strip();
        }
        String fromEnv = env.get("ROLLBACK_USER");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        String email = gitEmail(cwd);
        return email != null ? email : userAtHost(env);
    }

    static String userAtHost(Map<String, String> env) {
        String user = env.getOrDefault("USER", System.getProperty("user.name", "unknown"));
        return user + "@" + host(env);
    }

    static String host(Map<String, String> env) {
        String host = env.get("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    /** Empty when git is missing or has no email: a missing git must never block a rollback. */
    private static String gitEmail(Path cwd) {
        try {
            Process p = new ProcessBuilder("git", "config", "user.email").directory(cwd.toFile())
                    .redirectErrorStream(true).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 && out.contains("@") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
