package dev.rollback.testsupport.prometheus;

import dev.rollback.testsupport.ChildProcesses;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Prometheus (the {@code prometheus} binary of the Debian package) on a free 127.0.0.1 port, with data
 * backfilled by {@code promtool tsdb create-blocks-from openmetrics} before it starts, and optionally scraping live
 * {@link ScrapeTarget}s. Starting takes well under a second (about 5 s with scrape targets, see below), so a test
 * class can afford a server of its own.
 *
 * <pre>{@code
 * Timeline t = Timeline.hoursAgo(3);
 * try (PrometheusServer prometheus = PrometheusServer.builder(tempDir)
 *         .backfill(Series.gauge("recsys_diversity").every(Duration.ofMinutes(1), t.minute(0), t.minute(120), at -> 0.7))
 *         .start()) {
 *     prometheus.uri();   // http://127.0.0.1:PORT, the path prefix included when one is set
 * }
 * }</pre>
 *
 * <p>The lookback delta defaults to 1 minute, not Prometheus's 5: an instant query sees the latest sample up to one
 * lookback delta old, so with 5 minutes a scrape gap shorter than that is invisible. Samples one minute apart and a
 * 1-minute lookback make every missing minute a visible gap.
 *
 * <p>With scrape targets, {@link Builder#start()} returns only once Prometheus has scraped every one of them
 * successfully: its service discovery hands new targets to the scraper only every 5 s, so the first scrape comes
 * about 5 s after start, and a test that started asserting at once would wait for it anyway.
 *
 * <p>{@link #close()} kills the process; the directory belongs to the caller (a JUnit {@code @TempDir}).
 */
public final class PrometheusServer implements AutoCloseable {

    public static final Duration DEFAULT_LOOKBACK = Duration.ofMinutes(1);
    /** The job label of every scraped series. */
    public static final String SCRAPE_JOB = "rollback-test";

    private final URI uri;
    private final Path dir;
    private final Path log;
    private final Process process;
    private final Thread stopOnExit;

    private PrometheusServer(URI uri, Path dir, Path log, Process process) {
        this.uri = uri;
        this.dir = dir;
        this.log = log;
        this.process = process;
        this.stopOnExit = new Thread(this::kill, "prometheus-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** @param dir an empty directory for the config, the OpenMetrics file, the TSDB and the log */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** The API base: http://127.0.0.1:PORT plus the route prefix if any; no trailing slash. */
    public URI uri() {
        return uri;
    }

    /** Its own directory: prometheus.yml, backfill.om, data/, prometheus.log. */
    public Path dir() {
        return dir;
    }

    public Path logFile() {
        return log;
    }

    /** The last 40 lines of Prometheus's log, for failure messages. */
    public String logTail() {
        return ChildProcesses.logTail(log);
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs (or ran) anyway
        }
    }

    private void kill() {
        ChildProcesses.killTree(process, Duration.ofSeconds(5));
    }

    /** What to start; every method returns the builder. */
    public static final class Builder {

        private final Path dir;
        private final List<Series> backfill = new ArrayList<>();
        private final List<URI> targets = new ArrayList<>();
        private Duration scrapeInterval = Duration.ofSeconds(1);
        private BasicAuthUser user;
        private String routePrefix = "";
        private Duration lookback = DEFAULT_LOOKBACK;

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** Series written as OpenMetrics and turned into TSDB blocks before Prometheus starts. */
        public Builder backfill(Series... series) {
            backfill.addAll(List.of(series));
            return this;
        }

        /**
         * Scrape {@code target} + "/metrics" every {@code interval} (all targets share the last interval given), in
         * job {@value #SCRAPE_JOB}: scraped series carry {@code job} and {@code instance} labels.
         */
        public Builder scrape(URI target, Duration interval) {
            targets.add(target);
            scrapeInterval = interval;
            return this;
        }

        /** Require HTTP basic auth ({@code --web.config.file} with {@code basic_auth_users}). */
        public Builder basicAuth(BasicAuthUser user) {
            this.user = user;
            return this;
        }

        /** Serve under a path, like behind a reverse proxy: "/prometheus" gives http://127.0.0.1:PORT/prometheus. */
        public Builder routePrefix(String prefix) {
            this.routePrefix = "/" + prefix.replaceAll("^/+|/+$", "");
            return this;
        }

        /** {@code --query.lookback-delta}; {@link #DEFAULT_LOOKBACK} unless set. */
        public Builder lookbackDelta(Duration lookback) {
            this.lookback = lookback;
            return this;
        }

        public PrometheusServer start() {
            Path prometheus = PrometheusBinaries.prometheus();
            try {
                Files.createDirectories(dir);
                Path data = dir.resolve("data");
                if (!backfill.isEmpty()) {
                    Promtool.createBlocks(backfill, dir, data);
                }
                Path config = PrometheusConfigFiles.writeConfig(dir, targets, scrapeInterval);
                Path web = user == null ? null : PrometheusConfigFiles.writeWebConfig(dir, user);
                IllegalStateException last = null;
                for (int attempt = 0; attempt < 3; attempt++) { // the free port may be taken before prometheus binds it
                    try {
                        return launch(prometheus, config, web, data);
                    } catch (IllegalStateException e) {
                        last = e;
                        if (!e.getMessage().contains("address already in use")) {
                            throw e;
                        }
                    }
                }
                throw last;
            } catch (IOException e) {
                throw new IllegalStateException("cannot start prometheus in " + dir + ": " + e, e);
            }
        }

        private PrometheusServer launch(Path binary, Path config, Path web, Path data) throws IOException {
            int port = ChildProcesses.freePort();
            String origin = "http://127.0.0.1:" + port;
            List<String> command = new ArrayList<>(List.of(binary.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + data,
                    "--web.listen-address=127.0.0.1:" + port,
                    "--query.lookback-delta=" + lookback.toMillis() + "ms"));
            if (!routePrefix.isEmpty()) {
                command.add("--web.external-url=" + origin + routePrefix + "/"); // also sets --web.route-prefix
            }
            if (web != null) {
                command.add("--web.config.file=" + web);
            }
            Path log = dir.resolve("prometheus.log");
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            PrometheusServer server = new PrometheusServer(URI.create(origin + routePrefix), dir, log, process);
            long started = System.nanoTime();
            try {
                Readiness readiness = new Readiness(server.uri, process, log, user);
                readiness.awaitReady();
                if (!targets.isEmpty()) {
                    readiness.awaitTargetsUp(targets.size());
                }
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            System.err.printf("prometheus ready at %s in %d ms (log %s)%n", server.uri,
                    (System.nanoTime() - started) / 1_000_000, log);
            return server;
        }
    }
}
