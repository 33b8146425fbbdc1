package dev.rollback.adapters.ci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.core.retrain.CiException;
import java.util.Optional;

/** JSON in and out of the CI APIs. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * The body as JSON; a body that is not (a login page from a proxy, say) is UNAVAILABLE: the URL
     * probably does not point at the API.
     */
    public static JsonNode parse(CiResponse response, CiCall call) {
        try {
            JsonNode node = MAPPER.readTree(response.body());
            if (node != null && !node.isMissingNode()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // reported below, without the body: it could hold anything
        }
        throw new CiException(CiException.Kind.UNAVAILABLE, call.system() + " at " + call.location() + " answered "
                + response.status() + " without the expected JSON; check that services.<svc>.ci.url points at the "
                + call.system() + " API, not a proxy or login page");
    }

    /** The body as JSON, or empty when it is not JSON (optional response details). */
    public static Optional<JsonNode> tryParse(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A field as text when present and not null: numbers too ("id": 42 → "42"). */
    public static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? Optional.empty() : Optional.of(value.asText());
    }

    /** A required field; its absence means the answer is not what the API documents. */
    public static String required(JsonNode node, String field, CiCall call) {
        return text(node, field).filter(s -> !s.isBlank()).orElseThrow(() -> new CiException(CiException.Kind.UNAVAILABLE,
                call.system() + " at " + call.location() + " answered without the '" + field
                        + "' field its API documents; check that services.<svc>.ci.url points at the " + call.system() + " API"));
    }
}
