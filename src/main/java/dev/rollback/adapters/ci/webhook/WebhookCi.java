package dev.rollback.adapters.ci.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.ci.CiCall;
import dev.rollback.adapters.ci.CiHttp;
import dev.rollback.adapters.ci.CiRequest;
import dev.rollback.adapters.ci.CiResponse;
import dev.rollback.adapters.ci.Json;
import dev.rollback.adapters.ci.Secrets;
import dev.rollback.adapters.ci.TokenSource;
import dev.rollback.core.retrain.CiSystem;
import dev.rollback.core.retrain.PipelineRun;
import dev.rollback.core.retrain.PipelineStatus;
import dev.rollback.core.retrain.RequestPreview;
import dev.rollback.core.retrain.RetrainParameters;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A generic webhook: POST {"event": "rollback.retrain", "variables": {...}} as JSON, with the token (when
 * one is configured) in {@code header}: "Authorization: Bearer TOKEN" by default, the raw token under a
 * custom header name (X-Hook-Token: TOKEN), as such receivers expect. It only delivers: no run to follow.
 */
public final class WebhookCi implements CiSystem {

    public static final String SYSTEM = "webhook";
    public static final String EVENT = "rollback.retrain";
    static final String DEFAULT_HEADER = "Authorization";

    private final URI url;
    private final String header;
    private final TokenSource token;
    private final CiHttp http;

    /** @param header null for Authorization */
    public WebhookCi(URI url, String header, TokenSource token, CiHttp http) {
        this.url = url;
        this.header = header == null || header.isBlank() ? DEFAULT_HEADER : header.strip();
        this.token = token;
        this.http = http;
    }

    @Override
    public String describe() {
        return "webhook " + url + (token.configured() ? " (token in " + header + ")" : " (no token)");
    }

    @Override
    public RequestPreview preview(RetrainParameters parameters) {
        return request(parameters, Secrets.masked()).preview();
    }

    @Override
    public PipelineRun trigger(RetrainParameters parameters) {
        CiCall call = new CiCall("webhook", url.toString(), token.configured() ? "token" : null,
                token.configured() ? "is the one the receiver expects in " + header : "it wants a token: name the variable"
                        + " holding it with services.<svc>.ci.tokenEnv (sent as \"Authorization: Bearer TOKEN\", or raw in"
                        + " services.<svc>.ci.header)", "webhook " + url + " answered 404: check services.<svc>.ci.url");
        CiResponse response = http.send(request(parameters, Secrets.revealed()), call);
        Optional<JsonNode> body = Json.tryParse(response.body());
        String watch = body.flatMap(b -> Json.text(b, "url").or(() -> Json.text(b, "web_url"))).orElse("");
        return new PipelineRun(SYSTEM, parameters.rollbackId(), watch);
    }

    private CiRequest request(RetrainParameters parameters, Secrets secrets) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", EVENT);
        body.put("variables", parameters.asVariables());
        CiRequest.Builder builder = CiRequest.post(url, secrets);
        if (token.configured()) {
            String value = secrets.token(token);
            builder.header(header, header.equalsIgnoreCase(DEFAULT_HEADER) ? "Bearer " + value : value);
        }
        return builder.json(Json.write(body)).build();
    }

    @Override
    public boolean canFollow() {
        return false;
    }

    @Override
    public PipelineStatus status(PipelineRun run) {
        throw new UnsupportedOperationException("a generic webhook only delivers the request: it cannot report the run's"
                + " state; watch the receiving system" + (run.url().isEmpty() ? "" : " at " + run.url()));
    }

    @Override
    public boolean canCancel() {
        return false;
    }

    @Override
    public void cancel(PipelineRun run) {
        throw new UnsupportedOperationException("a generic webhook only delivers the request: it cannot cancel the run;"
                + " stop it in the receiving system" + (run.url().isEmpty() ? "" : " at " + run.url()));
    }

    @Override
    public String toString() {
        return describe();
    }
}
