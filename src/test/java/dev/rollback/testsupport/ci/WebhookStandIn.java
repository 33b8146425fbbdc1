package dev.rollback.testsupport.ci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * A STAND-IN for a generic webhook receiver (a chat-ops bot, an internal pipeline service), not any real
 * product: there is no hosted API to follow, so it checks the contract rollback documents for
 * {@code kind: webhook} (CiConfig and WebhookCi): POST to the configured URL, Content-Type
 * application/json, body {"event": "rollback.retrain", "variables": {the five ROLLBACK_* strings}}, and the
 * token in the configured header when one is expected (401 otherwise). It answers 202 with
 * {"url": ".../runs/ROLLBACK_ID"} unless told otherwise with {@link #script}.
 */
public final class WebhookStandIn extends StandInServer {

    private static final Set<String> VARIABLES = Set.of("ROLLBACK_MODEL_NAME", "ROLLBACK_DATASET_VERSION",
            "ROLLBACK_CONFIG_REF", "ROLLBACK_EMERGENCY", "ROLLBACK_ID");

    private final String path;
    private final String header;
    private final String expectedValue;

    /** @param header null when the receiver needs no token; expectedValue the whole header value */
    public WebhookStandIn(String path, String header, String expectedValue) {
        this.path = path;
        this.header = header;
        this.expectedValue = expectedValue;
    }

    public String path() {
        return path;
    }

    @Override
    protected Reply handle(RecordedRequest request) {
        if (!request.path().equals(path)) {
            return Reply.json(404, "{\"error\":\"no such hook\"}");
        }
        if (!request.method().equals("POST")) {
            return Reply.json(405, "{\"error\":\"POST only\"}");
        }
        if (header != null && !request.header(header).orElse("").equals(expectedValue)) {
            return Reply.json(401, "{\"error\":\"unauthorized\"}");
        }
        check(request.header("Content-Type").orElse("").startsWith("application/json"), "the body is JSON");
        JsonNode body = request.json();
        check(body.path("event").asText("").equals("rollback.retrain"), "event is rollback.retrain");
        JsonNode variables = body.path("variables");
        check(variables.isObject() && variables.size() == VARIABLES.size(), "variables holds the five ROLLBACK_* values");
        variables.fieldNames().forEachRemaining(name -> check(VARIABLES.contains(name) && variables.get(name).isTextual(),
                "variable " + name + " is a documented string"));
        return Reply.json(202, "{\"accepted\":true,\"url\":\"" + uri() + "/runs/" + variables.path("ROLLBACK_ID").asText() + "\"}");
    }
}
