package dev.rollback.adapters.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A canned HTTP endpoint for what moto will not do on demand (refuse access) and to see the
 * request headers the store signs with. Behaviour against a real server is tested with moto.
 */
final class FakeS3 implements AutoCloseable {

    private final HttpServer server;
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> sessionTokens = new CopyOnWriteArrayList<>();

    /** @param status what every request gets; 404 answers HEAD "no such key" and GET an empty listing */
    FakeS3(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> answer(exchange, status));
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange, int status) throws IOException {
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        sessionTokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Security-Token")));
        exchange.getRequestBody().readAllBytes();
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1); // HEAD errors have no body: the SDK sees only the status
        } else {
            String xml = status == 404
                    ? "<ListBucketResult><Name>b</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>"
                    : "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>";
            byte[] body = xml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/xml");
            exchange.sendResponseHeaders(status == 404 ? 200 : status, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
