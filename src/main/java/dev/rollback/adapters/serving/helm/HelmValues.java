package dev.rollback.adapters.serving.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Follows a dotted path ("model.uri", "predictors.0.modelUri") in {@code helm get values -o json --all}. The values
 * may hold passwords: only the one value asked for, and key names in errors, ever leave this class.
 */
final class HelmValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HelmValues() {
    }

    /** The value at {@code path}; empty when a key on the way is missing; a message naming the keys there otherwise. */
    static Lookup lookup(String json, String path, String object) {
        JsonNode node;
        try {
            node = JSON.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (IOException e) {
            throw new ServingException(Kind.REJECTED, "could not read the values of " + object + ": not JSON");
        }
        String walked = "";
        for (String key : path.split("\\.")) {
            JsonNode next = node.isArray() && key.matches("\\d+") ? node.path(Integer.parseInt(key)) : node.path(key);
            if (next.isMissingNode() || next.isNull()) {
                List<String> keys = new ArrayList<>();
                node.fieldNames().forEachRemaining(keys::add);
                String where = walked.isEmpty() ? "the values" : "'" + walked + "'";
                return new Lookup(Optional.empty(), object + " values have no '" + path + "' (" + where + " has "
                        + (keys.isEmpty() ? "no keys" : "keys: " + String.join(", ", keys.stream().sorted().toList())) + ")");
            }
            walked = walked.isEmpty() ? key : walked + "." + key;
            node = next;
        }
        if (node.isContainerNode()) {
            return new Lookup(Optional.empty(), object + " value '" + path + "' is not a single value");
        }
        return new Lookup(Optional.of(node.asText()), "");
    }

    record Lookup(Optional<String> value, String problem) {
    }
}
