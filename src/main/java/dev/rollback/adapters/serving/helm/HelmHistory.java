package dev.rollback.adapters.serving.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code helm history REL -o json}: an array oldest → newest of {revision, updated, status, chart, app_version, description}. */
final class HelmHistory {

    static final Set<String> GOOD = Set.of("deployed", "superseded");
    private static final ObjectMapper JSON = new ObjectMapper();
    // Go's default time.String(): "2024-03-01 10:00:00.123456789 +0100 CET" (older Helms, some plugins)
    private static final Pattern GO_DEFAULT =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?) ([+-]\\d{2})(\\d{2}).*");

    /** One revision; {@code updated} is null when Helm's text could not be read as a time. */
    record Entry(long revision, Instant updated, String status, String chart, String appVersion, String description) {

        boolean good() {
            return GOOD.contains(status);
        }

        boolean pending() {
            return status.startsWith("pending-");
        }

        /** "revision 7 (chart recsys-1.2.3, app 2.4.1" — the caller closes it after adding images. */
        String label() {
            return "revision " + revision + " (chart " + blank(chart) + ", app " + blank(appVersion);
        }
    }

    private HelmHistory() {
    }

    static List<Entry> parse(String json, String object) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null || json.isBlank() ? "[]" : json);
        } catch (IOException e) {
            throw new ServingException(Kind.REJECTED, "could not read helm history of " + object + ": helm printed no JSON", e);
        }
        if (!root.isArray()) {
            throw new ServingException(Kind.REJECTED, "helm history of " + object + " is not a JSON array");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode n : root) {
            entries.add(new Entry(n.path("revision").asLong(), time(n.path("updated").asText("")),
                    n.path("status").asText(""), n.path("chart").asText(""), n.path("app_version").asText(""),
                    n.path("description").asText("")));
        }
        if (entries.isEmpty()) {
            throw new ServingException(Kind.NOT_FOUND, object + " has no history (helm history printed nothing)");
        }
        entries.sort((a, b) -> Long.compare(a.revision(), b.revision())); // Helm sorts already; we rely on it
        return List.copyOf(entries);
    }

    static Entry latest(List<Entry> entries) {
        return entries.get(entries.size() - 1);
    }

    /** The newest {@code deployed} revision: what Helm itself treats as the release's deployed state. */
    static Optional<Entry> newestDeployed(List<Entry> entries) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).status().equals("deployed")) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    static Optional<Entry> find(List<Entry> entries, long revision) {
        return entries.stream().filter(e -> e.revision() == revision).findFirst();
    }

    /** Go's RFC 3339 with nanoseconds and "Z" or an offset; lenient because Helm versions and plugins differ. */
    static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Instant t = OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return t.getEpochSecond() <= -62135596800L ? null : t; // Go's zero time means "not set"
        } catch (DateTimeParseException e) {
            Matcher m = GO_DEFAULT.matcher(text.strip());
            if (m.matches()) {
                try {
                    return OffsetDateTime.parse(m.group(1) + "T" + m.group(2) + m.group(3) + ":" + m.group(4)).toInstant();
                } catch (DateTimeParseException ignored) {
                    return null;
                }
            }
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? "?" : s;
    }
}
