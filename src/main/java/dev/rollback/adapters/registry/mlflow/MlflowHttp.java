package dev.rollback.adapters.registry.mlflow;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.mlflow.tracking.creds.MlflowHostCreds;

/**
 * The one HTTP path to MLflow's REST API 2.0: JDK {@link HttpClient}, HTTP/1.1, no redirects.
 *
 * <p>Retry policy (a CLI run during an incident must fail fast and never double-apply a change):
 * <ul>
 *   <li>4xx is never retried, except 429;</li>
 *   <li>429 is retried for every call, honouring {@code Retry-After} (capped at 2 s): the request
 *       was not processed;</li>
 *   <li>502/503/504 and broken connections (reset, EOF) are retried only for idempotent calls:
 *       reads, and the writes MLflow applies idempotently (set-tag, delete-tag, alias set/delete,
 *       transition-stage);</li>
 *   <li>at most 2 retries, after 200 ms and 600 ms;</li>
 *   <li>never retried: connection refused, unknown host, TLS failure (the server is not there:
 *       say so now), timeouts (the full timeout was already spent), 500 and other 5xx.</li>
 * </ul>
 * Every attempt counts in {@link #requestCount()}.
 */
final class MlflowHttp {

    static final List<Duration> BACKOFF = List.of(Duration.ofMillis(200), Duration.ofMillis(600));
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(2);

    private final String uri;
    private final String apiBase;
    private final Duration timeout;
    private final Optional<String> authorization;
    private final HttpClient client;
    private final AtomicLong requests = new AtomicLong();

    MlflowHttp(String trackingUri, Duration timeout, MlflowHostCreds creds) {
        this.uri = withoutUserInfo(trackingUri);
        this.apiBase = uri + "/api/2.0/mlflow/";
        this.timeout = timeout;
        this.authorization = MlflowCredentials.authorizationHeader(creds);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout);
        if (creds != null && creds.shouldIgnoreTlsVerification()) {
            builder.sslContext(trustAll());
        }
        this.client = builder.build();
    }

    /** The tracking URI as printed in messages: no user:password@, no trailing slash. */
    static String withoutUserInfo(String trackingUri) {
        return trackingUri.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1").replaceAll("/+$", "");
    }

    String location() {
        return uri;
    }

    long requestCount() {
        return requests.get();
    }

    String get(String path, Map<String, List<String>> query, String subject) {
        String qs = query.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
        HttpRequest request = base(path + (qs.isEmpty() ? "" : "?" + qs)).GET().build();
        return send(request, true, subject);
    }

    String post(String path, String json, boolean idempotent, String subject) {
        return send(base(path).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(), idempotent, subject);
    }

    String delete(String path, String json, String subject) {
        return send(base(path).header("Content-Type", "application/json")
                .method("DELETE", BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(), true, subject);
    }

    private HttpRequest.Builder base(String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(apiBase + pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "rollback-cli");
        authorization.ifPresent(value -> b.header("Authorization", value));
        return b;
    }

    private String send(HttpRequest request, boolean idempotent, String subject) {
        for (int attempt = 0; ; attempt++) {
            boolean mayRetry = attempt < BACKOFF.size();
            HttpResponse<String> response;
            requests.incrementAndGet();
            try {
                response = client.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (!mayRetry || !idempotent || MlflowErrors.isFatalTransport(e)) {
                    throw MlflowErrors.fromTransport(uri, subject, e, timeout);
                }
                pause(BACKOFF.get(attempt));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw MlflowErrors.fromTransport(uri, subject, new java.io.InterruptedIOException("interrupted"), timeout);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response.body();
            }
            boolean retryable = status == 429 || (idempotent && (status == 502 || status == 503 || status == 504));
            if (!mayRetry || !retryable) {
                throw MlflowErrors.fromStatus(uri, subject, status, response.body());
            }
            pause(status == 429 ? retryAfter(response).orElse(BACKOFF.get(attempt)) : BACKOFF.get(attempt));
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                Duration d = Duration.ofSeconds(Long.parseLong(v.trim()));
                return Optional.of(d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
            } catch (NumberFormatException httpDate) {
                return Optional.of(MAX_RETRY_AFTER);
            }
        });
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Trusts every certificate and host name: only with MLFLOW_TRACKING_INSECURE_TLS / --insecure-tls. */
    private static SSLContext trustAll() {
        X509ExtendedTrustManager all = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {all}, new java.security.SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the insecure TLS context", e);
        }
    }
}
