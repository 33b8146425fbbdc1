package dev.rollback.config;

import java.util.List;

/**
 * A minimal YAML tree that remembers where every key and value was written.
 * Jackson's JsonNode drops locations, and a config error without a line number costs minutes at 2 AM.
 * Lines and columns are 1-based.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {
    int line();

    int column();

    /** @param text null for a YAML null ({@code ~}, {@code null} or nothing); {@code plain} = written unquoted. */
    record Scalar(String text, boolean plain, int line, int column) implements YamlNode {
    }

    record Sequence(List<YamlNode> items, int line, int column) implements YamlNode {
    }

    /** Keeps duplicate keys (the binder reports them) and file order. */
    record Mapping(List<Entry> entries, int line, int column) implements YamlNode {
    }

    /** @param key null when the key is not a scalar (e.g. a mapping used as a key); the binder reports it. */
    record Entry(String key, int line, int column, YamlNode value) {
    }

    /** How a value reads in "expected X; got Y" messages. */
    static String describe(YamlNode node) {
        if (node instanceof Scalar s) {
            return s.text() == null ? "nothing" : "'" + s.text() + "'";
        }
        return node instanceof Mapping ? "a mapping" : "a list";
    }
}
