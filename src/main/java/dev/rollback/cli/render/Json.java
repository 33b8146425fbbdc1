package dev.rollback.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** JSON documents built field by field, so the schema is explicit and stable (see README). */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Bumped only on incompatible changes; fields may be added without a bump. */
    public static final int SCHEMA_VERSION = 1;

    private Json() {
    }

    public static ObjectNode document(String kind) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kind", kind);
        root.put("schemaVersion", SCHEMA_VERSION);
        return root;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static void print(ObjectNode node, PrintWriter out) {
        try {
            out.println(MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
