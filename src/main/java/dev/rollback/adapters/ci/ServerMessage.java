package dev.rollback.adapters.ci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CI system's own explanation from an error body, made safe to print: one line, at most
 * {@value #MAX} characters, secrets scrubbed. Understands the shapes the four systems use:
 * GitHub {"message": "..."}; GitLab {"message": "..."}, {"message": {"base": ["..."]}} and
 * {"error": "..."}; Jenkins' HTML error pages (their title); plain text.
 */
public final class ServerMessage {

    static final int MAX = 200;
    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private ServerMessage() {
    }

    public static Optional<String> of(String body, Secrets secrets) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        String raw = fromJson(body).or(() -> fromHtml(body)).orElse(body);
        String line = secrets.redact(raw).replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (line.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(line.length() <= MAX ? line : line.substring(0, MAX - 1) + "…");
    }

    private static Optional<String> fromJson(String body) {
        String trimmed = body.strip();
        if (!trimmed.startsWith("{")) {
            return Optional.empty();
        }
        return Json.tryParse(trimmed).flatMap(node -> {
            List<String> parts = new ArrayList<>();
            for (String field : List.of("message", "error", "error_description", "errors")) {
                flatten(node.get(field), "", parts);
            }
            return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
        });
    }

    /** {"base": ["Reference not found"]} → "base: Reference not found". */
    private static void flatten(JsonNode node, String prefix, List<String> into) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isValueNode()) {
            into.add(prefix + node.asText());
        } else if (node.isArray()) {
            node.forEach(item -> flatten(item, prefix, into));
        } else {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                flatten(e.getValue(), prefix + e.getKey() + ": ", into);
            }
        }
    }

    private static Optional<String> fromHtml(String body) {
        if (!body.contains("<")) {
            return Optional.empty();
        }
        Matcher m = TITLE.matcher(body);
        return Optional.of(m.find() ? m.group(1) : body.replaceAll("<[^>]*>", " "));
    }
}
