package dev.rollback.adapters.features.git;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the data versions a commit records: the outputs of {@code *.dvc} files and of {@code dvc.lock}. An output's
 * path is relative to its metafile's directory; the result keys it by repository-relative path.
 */
final class DvcMetafiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    // md5 for DVC's own cache (".dir" suffix for directories); the others for imports from clouds and URLs
    private static final String[] HASH_KEYS = {"md5", "etag", "checksum"};

    private DvcMetafiles() {
    }

    static boolean isMetafile(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals("dvc.lock") || name.endsWith(".dvc") && name.length() > ".dvc".length();
    }

    /** @return output path → content hash (null when the metafile names the output without a hash yet) */
    static Map<String, String> outputs(String metafile, String yaml) throws JsonProcessingException {
        Map<String, String> outputs = new LinkedHashMap<>();
        JsonNode root = YAML.readTree(yaml);
        if (root == null || !root.isObject()) {
            return outputs;
        }
        int slash = metafile.lastIndexOf('/');
        String dir = slash < 0 ? "" : metafile.substring(0, slash);
        if (metafile.endsWith("dvc.lock")) {
            // schema 2.0 nests stages under "stages"; DVC 1's lock files have them at the top
            JsonNode stages = root.has("stages") ? root.get("stages") : root.has("schema") ? null : root;
            if (stages != null) {
                stages.forEach(stage -> addOuts(stage.path("outs"), dir, outputs));
            }
        } else {
            addOuts(root.path("outs"), dir, outputs);
        }
        return outputs;
    }

    private static void addOuts(JsonNode outs, String dir, Map<String, String> into) {
        for (JsonNode out : outs) {
            String path = out.path("path").asText("");
            if (!path.isEmpty()) {
                into.put(repoRelative(dir, path), hash(out));
            }
        }
    }

    private static String hash(JsonNode out) {
        for (String key : HASH_KEYS) {
            if (out.hasNonNull(key)) {
                return out.get(key).asText();
            }
        }
        return null;
    }

    private static String repoRelative(String dir, String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return path; // an external output: there is nothing to make relative
        }
        return (dir.isEmpty() ? p : Path.of(dir).resolve(p)).normalize().toString().replace('\\', '/');
    }
}
