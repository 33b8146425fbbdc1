package dev.rollback.testsupport.prometheus;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** prometheus.yml (scrape jobs) and web.yml (basic auth), as small YAML written by hand. */
final class PrometheusConfigFiles {

    private PrometheusConfigFiles() {
    }

    static Path writeConfig(Path dir, List<URI> targets, Duration interval) throws IOException {
        String every = interval.toMillis() + "ms";
        StringBuilder yaml = new StringBuilder("global:\n  scrape_interval: " + every + "\n  evaluation_interval: "
                + every + "\n");
        if (!targets.isEmpty()) {
            yaml.append("scrape_configs:\n  - job_name: ").append(PrometheusServer.SCRAPE_JOB).append('\n')
                    .append("    scrape_interval: ").append(every).append('\n')
                    .append("    scrape_timeout: ").append(every).append('\n')
                    .append("    metrics_path: /metrics\n")
                    .append("    static_configs:\n      - targets:\n");
            for (URI target : targets) {
                yaml.append("          - '").append(target.getHost()).append(':').append(target.getPort()).append("'\n");
            }
        }
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    static Path writeWebConfig(Path dir, BasicAuthUser user) throws IOException {
        Path file = dir.resolve("web.yml");
        Files.writeString(file, "basic_auth_users:\n  " + user.name() + ": '" + user.bcryptHash() + "'\n",
                StandardCharsets.UTF_8);
        return file;
    }
}
