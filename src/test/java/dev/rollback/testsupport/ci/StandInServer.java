package dev.rollback.testsupport.ci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Base of the local stand-ins for hosted CI APIs ({@code com.sun.net.httpserver} on 127.0.0.1, a free
 * port). It records every request, answers scripted replies first ({@link #script}: a 429, then a 503...),
 * and otherwise lets the subclass play the API. A subclass checks each request against the API's
 * documentation with {@link #check}: a request the documentation does not allow is answered 400
 * "stand-in: ..." and recorded in {@link #violations()}, which tests assert empty. Responses the real API
 * gives for wrong input (401 bad token, 404 unknown project, 422 unknown input) are not violations: the
 * subclass returns them as that API does.
 */
public abstract class StandInServer implements AutoCloseable {

    /** Thrown by {@link #check}; turned into a 400 and a recorded violation. */
    protected static final class Violation extends RuntimeException {
        Violation(String message) {
            super(message, null, false, false);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Reply>> scripted = new ConcurrentHashMap<>();

    protected StandInServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, getClass().getSimpleName());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    /** http://127.0.0.1:PORT, no trailing slash. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests with this method and raw path (query excluded). */
    public List<RecordedRequest> requests(String method, String rawPath) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(rawPath)).toList();
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** The next requests to METHOD rawPath get these replies, in order, instead of the API's own answer. */
    public void script(String method, String rawPath, Reply... replies) {
        scripted.computeIfAbsent(method + " " + rawPath, k -> new ArrayDeque<>()).addAll(Arrays.asList(replies));
    }

    /** Plays the API for a request no script answered. */
    protected abstract Reply handle(RecordedRequest request);

    protected static void check(boolean ok, String whatTheDocSays) {
        if (!ok) {
            throw new Violation(whatTheDocSays);
        }
    }

    private void exchange(HttpExchange exchange) throws IOException {
        RecordedRequest request;
        try (var in = exchange.getRequestBody()) {
            request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        requests.add(request);
        Deque<Reply> queue = scripted.get(request.method() + " " + request.path());
        Reply reply = queue == null ? null : queue.pollFirst();
        if (reply == null) {
            try {
                reply = handle(request);
            } catch (Violation v) {
                violations.add(request + ": " + v.getMessage());
                reply = Reply.json(400, "{\"message\":\"stand-in: " + v.getMessage().replace("\"", "'") + "\"}");
            } catch (RuntimeException e) {
                violations.add(request + ": stand-in failed: " + e);
                reply = Reply.json(500, "{\"message\":\"stand-in failed\"}");
            }
        }
        send(exchange, reply);
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        try {
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            reply.headers().forEach((name, values) -> values.forEach(v -> exchange.getResponseHeaders().add(name, v)));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the client timed out and hung up: expected in timeout tests
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
