package dev.rollback.testsupport.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

/**
 * The {@code pod-template-hash} label value, computed like the real controller: FNV-1a (32 bit) of the
 * template, rendered with Kubernetes' "safe" alphabet. The template is serialized canonically (sorted
 * keys) and without the hash label itself, since the real controller ignores that label when it
 * matches a Deployment's template against its ReplicaSets.
 */
public final class PodTemplateHash {

    public static final String LABEL = "pod-template-hash";
    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

    private PodTemplateHash() {
    }

    public static String of(PodTemplateSpec template) {
        ObjectNode tree = Serialization.jsonMapper().valueToTree(template);
        JsonNode labels = tree.path("metadata").path("labels");
        if (labels instanceof ObjectNode labelMap) {
            labelMap.remove(LABEL);
        }
        int hash = 0x811c9dc5;
        for (byte b : canonical(tree).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        StringBuilder safe = new StringBuilder();
        for (char c : Long.toString(Integer.toUnsignedLong(hash)).toCharArray()) {
            safe.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
        }
        return safe.toString();
    }

    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, String> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            StringBuilder out = new StringBuilder("{");
            sorted.forEach((k, v) -> out.append('"').append(k).append("\":").append(v).append(','));
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            node.forEach(element -> out.append(canonical(element)).append(','));
            return out.append(']').toString();
        }
        return node.toString();
    }
}
