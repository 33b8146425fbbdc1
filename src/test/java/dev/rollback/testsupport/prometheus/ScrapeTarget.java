package dev.rollback.testsupport.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny {@code /metrics} endpoint (Prometheus text format 0.0.4) with gauges a test sets at any moment, for a real
 * Prometheus to scrape: live data for drills and verification tests.
 *
 * <pre>{@code
 * try (ScrapeTarget target = ScrapeTarget.start();
 *      PrometheusServer prometheus = PrometheusServer.builder(dir).scrape(target.uri(), Duration.ofSeconds(1)).start()) {
 *     target.set("recsys_diversity", 0.73);
 *     // within ~2 s: instant("recsys_diversity", now) == 0.73 (series labels: job="rollback-test", instance=...)
 *     target.set("recsys_diversity", 0.04);
 *     target.remove("recsys_diversity");   // next scrape marks it stale: the query turns empty at once
 * }
 * }</pre>
 *
 * <p>A value set becomes visible after the next scrape (every scrape interval) and Prometheus's commit right
 * after it: poll the query, or {@link #awaitScrapes} and then poll briefly. Setting NaN exposes a NaN sample.
 */
public final class ScrapeTarget implements AutoCloseable {

    /** Keyed "name name{labels}": sorted by name first, so each family's lines come together under one TYPE line. */
    private final Map<String, Gauge> gauges = new ConcurrentSkipListMap<>();
    private final AtomicLong scrapes = new AtomicLong();
    private final HttpServer server;

    private record Gauge(String name, Map<String, String> labels, double value) {
    }

    private ScrapeTarget(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free 127.0.0.1 port. */
    public static ScrapeTarget start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ScrapeTarget target = new ScrapeTarget(server);
            server.createContext("/metrics", target::serve);
            server.start();
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the scrape target: " + e, e);
        }
    }

    /** http://127.0.0.1:PORT; Prometheus scrapes {@code uri() + "/metrics"}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Sets (or adds) a gauge without labels. */
    public ScrapeTarget set(String name, double value) {
        return set(name, Map.of(), value);
    }

    /** Sets (or adds) the gauge {@code name{labels}}. */
    public ScrapeTarget set(String name, Map<String, String> labels, double value) {
        Map<String, String> sorted = new TreeMap<>(labels);
        gauges.put(name + " " + OpenMetricsWriter.seriesText(name, sorted), new Gauge(name, sorted, value));
        return this;
    }

    /** Stops exposing every series of {@code name}; Prometheus marks them stale on its next scrape. */
    public ScrapeTarget remove(String name) {
        gauges.values().removeIf(g -> g.name().equals(name));
        return this;
    }

    /** Scrapes answered so far. */
    public long scrapes() {
        return scrapes.get();
    }

    /** Waits until {@code count} more scrapes have been answered; fails after {@code timeout}. */
    public void awaitScrapes(int count, Duration timeout) {
        long target = scrapes.get() + count;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (scrapes.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the scrape target at " + uri() + " was scraped " + (scrapes.get() - target + count)
                        + " of " + count + " times within " + timeout.toMillis() + " ms; is Prometheus scraping it?");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for a scrape");
            }
        }
    }

    /** The exposition text as it is served now. */
    public String render() {
        StringBuilder out = new StringBuilder();
        String family = null;
        for (Gauge g : gauges.values()) {
            if (!g.name().equals(family)) {
                family = g.name();
                out.append("# TYPE ").append(family).append(" gauge\n");
            }
            out.append(OpenMetricsWriter.sampleLine(g.name(), g.labels(), g.value())).append('\n');
        }
        return out.toString();
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] body = render().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        scrapes.incrementAndGet();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
