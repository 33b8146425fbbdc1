package dev.rollback.adapters.serving.kubernetes;

import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small RFC 6902 JSON Patch builder; path segments are escaped per RFC 6901 (~ → ~0, / → ~1). */
public final class JsonPatch {

    private final List<Map<String, Object>> ops = new ArrayList<>();

    /** JSON Pointer of the given raw (unescaped) segments, e.g. ("metadata", "annotations", "a/b"). */
    public static String pointer(Object... segments) {
        StringBuilder path = new StringBuilder();
        for (Object segment : segments) {
            path.append('/').append(String.valueOf(segment).replace("~", "~0").replace("/", "~1"));
        }
        return path.toString();
    }

    public JsonPatch op(String op, String path, Object value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("op", op);
        entry.put("path", path);
        entry.put("value", value);
        ops.add(entry);
        return this;
    }

    /**
     * Makes the patch conditional: the API server (and fabric8's CRUD mock) compare a resourceVersion
     * in the patched object with the stored one and answer 409 when they differ. A {@code test} op
     * would say the same, but the real server reports a failed test as 422 and the mock never answers.
     */
    public JsonPatch requireResourceVersion(String resourceVersion) {
        return op("replace", "/metadata/resourceVersion", resourceVersion);
    }

    /** Sets {@code key} in the string map at {@code mapPath}, creating the map when it is absent. */
    public JsonPatch putInMap(String mapPath, Map<String, String> current, String key, String value) {
        if (current == null) {
            return op("add", mapPath, Map.of(key, value));
        }
        return op("add", mapPath + pointer(key), value);
    }

    public String toJson() {
        return Serialization.asJson(ops);
    }
}
