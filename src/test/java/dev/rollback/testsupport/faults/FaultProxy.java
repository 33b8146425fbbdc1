package dev.rollback.testsupport.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of a REAL server (MLflow here) that injects faults into chosen
 * requests: an error status with the server's error body shape, or a delay longer than the
 * client's timeout. Everything else is forwarded unchanged, so the rest of the run talks to the
 * real thing.
 */
public final class FaultProxy implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "keep-alive", "expect");

    /** A fault for the {@code nth} (1-based) request whose method and path match. */
    public record Fault(String method, String pathContains, int nth, int status, Duration delay) {

        public static Fault status(String method, String pathContains, int nth, int status) {
            return new Fault(method, pathContains, nth, status, Duration.ZERO);
        }

        public static Fault delay(String method, String pathContains, int nth, Duration delay) {
            return new Fault(method, pathContains, nth, 0, delay);
        }
    }

    private final HttpServer server;
    private final URI target;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<AtomicInteger> seen = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<long[]> intervals = new CopyOnWriteArrayList<>();

    public FaultProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FaultProxy inject(Fault fault) {
        faults.add(fault);
        seen.add(new AtomicInteger());
        return this;
    }

    public void clear() {
        faults.clear();
        seen.clear();
        intervals.clear();
    }

    /** "METHOD path -> status" for every request, for failure messages. */
    public List<String> log() {
        return List.copyOf(log);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        try {
            handleTimed(exchange);
        } finally {
            intervals.add(new long[] {start, System.nanoTime()});
        }
    }

    /**
     * Wall time during which at least one request was in flight through the proxy (the union of the
     * requests' intervals, so concurrent requests count once): how long a client waited on the server.
     */
    public long busyMillis() {
        List<long[]> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingLong(i -> i[0]));
        long busy = 0;
        long coveredUntil = Long.MIN_VALUE;
        for (long[] i : sorted) {
            long from = Math.max(i[0], coveredUntil);
            if (i[1] > from) {
                busy += i[1] - from;
            }
            coveredUntil = Math.max(coveredUntil, i[1]);
        }
        return busy / 1_000_000;
    }

    private void handleTimed(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().toString();
        byte[] body = readAll(exchange.getRequestBody());
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            if (f.method().equals(method) && path.contains(f.pathContains()) && seen.get(i).incrementAndGet() == f.nth()) {
                if (!f.delay().isZero()) {
                    // No answer in time, and the request never reaches the server: a lost request.
                    sleep(f.delay());
                    log.add(method + " " + path + " -> no answer (injected)");
                    exchange.close();
                    return;
                } else {
                    log.add(method + " " + path + " -> " + f.status() + " (injected)");
                    respond(exchange, f.status(), "{\"error_code\":\"TEMPORARILY_UNAVAILABLE\",\"message\":\"injected fault\"}"
                            .getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
        }
        forward(exchange, method, path, body);
    }

    private void forward(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(path))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            log.add(method + " " + path + " -> " + response.statusCode());
            respond(exchange, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 502, new byte[0]);
        } catch (IOException e) {
            // the client gave up (timeout) or the target is gone: nothing useful to send
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            exchange.close(); // the client hung up after its timeout
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
