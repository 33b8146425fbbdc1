package dev.rollback.adapters.features.git;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.TreeSet;

/**
 * Reads {@code dvc status --json}: {stage or .dvc file: [ "changed command" | {"changed outs": {path: state}} ]}.
 * Only "modified" outputs are uncommitted work; "deleted" and "not in cache" are data a checkout or pull restores.
 */
final class DvcStatus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DvcStatus() {
    }

    static TreeSet<String> modifiedOutputs(String json) throws JsonProcessingException {
        TreeSet<String> modified = new TreeSet<>();
        JsonNode root = JSON.readTree(json.isBlank() ? "{}" : json);
        for (JsonNode entries : root) {
            for (JsonNode entry : entries) {
                for (Map.Entry<String, JsonNode> out : entry.path("changed outs").properties()) {
                    if (out.getValue().asText().equals("modified")) {
                        modified.add(out.getKey());
                    }
                }
            }
        }
        return modified;
    }
}
