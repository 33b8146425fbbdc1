package dev.rollback.adapters.ci;

import dev.rollback.core.retrain.CiException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * The one way the CI adapters send a request: retries by {@link RetryPolicy}, failures as one-line
 * {@link CiException}s (see {@link CiErrors}) with every secret scrubbed. Answers 2xx (and whatever
 * the caller also accepts); never follows redirects.
 */
public final class CiHttp {

    private final CiRuntime runtime;

    public CiHttp(CiRuntime runtime) {
        this.runtime = runtime;
    }

    public CiRuntime runtime() {
        return runtime;
    }

    public CiResponse send(CiRequest request, CiCall call) {
        return send(request, call, status -> false);
    }

    /** @param alsoAccept statuses besides 2xx the caller handles itself (Jenkins' 303, GitHub's 409 on cancel) */
    public CiResponse send(CiRequest request, CiCall call, IntPredicate alsoAccept) {
        HttpRequest http = toHttp(request);
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= RetryPolicy.MAX_ATTEMPTS;
            HttpResponse<String> response;
            try {
                response = runtime.client().send(http, BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException failure) {
                if (last || !RetryPolicy.retriesFailure(request.idempotent(), failure)) {
                    throw CiErrors.transport(call, request, failure, attempt, runtime.requestTimeout());
                }
                pause(RetryPolicy.backoff(attempt), call);
                continue;
            } catch (InterruptedException e) {
                throw CiErrors.interrupted(call);
            }
            CiResponse answer = new CiResponse(response.statusCode(), response.headers(), response.body());
            int status = answer.status();
            if ((status >= 200 && status < 300) || alsoAccept.test(status)) {
                return answer;
            }
            if (!RetryPolicy.retriesStatus(request.idempotent(), status, answer.headers())) {
                throw CiErrors.forStatus(call, request, answer);
            }
            Optional<Duration> asked = RetryPolicy.serverWait(answer.headers(), runtime.clock());
            if (asked.isPresent() && asked.get().compareTo(RetryPolicy.MAX_WAIT) > 0) {
                throw CiErrors.waitTooLong(call, status, asked.get());
            }
            if (last) {
                throw CiErrors.exhausted(call, status, attempt);
            }
            pause(asked.orElse(RetryPolicy.backoff(attempt)), call);
        }
    }

    /** Waits with the injected sleeper; also used by adapters that poll (a dispatched GitHub run). */
    public void pause(Duration duration, CiCall call) {
        try {
            runtime.sleeper().sleep(duration);
        } catch (InterruptedException e) {
            throw CiErrors.interrupted(call);
        }
    }

    private HttpRequest toHttp(CiRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(runtime.requestTimeout());
        request.headers().forEach(h -> builder.header(h.name(), h.value()));
        HttpRequest.BodyPublisher body = request.body().isEmpty()
                ? BodyPublishers.noBody()
                : BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8);
        return builder.method(request.method(), body).build();
    }
}
