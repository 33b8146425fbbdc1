package dev.rollback.testsupport.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.testsupport.ChildProcesses;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Waiting for a starting Prometheus: its {@code /-/ready}, then, when it scrapes, its first successful scrapes. */
final class Readiness {

    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** Service discovery hands targets to the scraper every 5 s; the first scrape follows within an interval. */
    static final Duration FIRST_SCRAPE_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI uri;
    private final Process process;
    private final Path log;
    private final BasicAuthUser user;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** @param user null when the server needs no auth */
    Readiness(URI uri, Process process, Path log, BasicAuthUser user) {
        this.uri = uri;
        this.process = process;
        this.log = log;
        this.user = user;
    }

    /** Until /-/ready answers 200; "address already in use" in the message when the port was taken meanwhile. */
    void awaitReady() {
        HttpRequest ready = get("/-/ready");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        int lastStatus = 0;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = ChildProcesses.logTail(log);
                throw new IllegalStateException((tail.contains("address already in use") ? "address already in use: " : "")
                        + "prometheus exited with " + process.exitValue() + " before it was ready; log " + log + ":\n"
                        + tail);
            }
            try {
                lastStatus = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            ChildProcesses.sleep(50);
        }
        throw new IllegalStateException("prometheus at " + uri + " not ready within " + START_TIMEOUT.toSeconds()
                + " s (last /-/ready status " + lastStatus + "); log " + log + ":\n" + ChildProcesses.logTail(log));
    }

    /** Until /api/v1/targets shows {@code count} active targets with health "up" (each scraped successfully). */
    void awaitTargetsUp(int count) {
        HttpRequest request = get("/api/v1/targets?state=active");
        long deadline = System.nanoTime() + FIRST_SCRAPE_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                long up = 0;
                for (JsonNode target : JSON.readTree(last).path("data").path("activeTargets")) {
                    up += "up".equals(target.path("health").asText()) ? 1 : 0;
                }
                if (up >= count) {
                    return;
                }
            } catch (IOException notYet) {
                // an answer that is not JSON yet, or a blip: ask again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            ChildProcesses.sleep(100);
        }
        throw new IllegalStateException("prometheus at " + uri + " did not scrape its " + count + " target(s) within "
                + FIRST_SCRAPE_TIMEOUT.toSeconds() + " s; /api/v1/targets said: " + last + "\nlog " + log + ":\n"
                + ChildProcesses.logTail(log));
    }

    private HttpRequest get(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri + path)).timeout(Duration.ofSeconds(2));
        if (user != null) {
            request.header("Authorization", user.authorization());
        }
        return request.build();
    }
}
