package dev.rollback.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns YAML text into {@link YamlNode}s using SnakeYAML's composer, whose nodes carry start marks.
 * The composer stops before object construction, so no arbitrary types are ever instantiated.
 */
final class YamlReader {
    /** Guards against self-referencing aliases ({@code &a [*a]}), which the composer allows. */
    private static final int MAX_DEPTH = 64;

    private YamlReader() {
    }

    static final class SyntaxError extends Exception {
        final int line;
        final int column;

        SyntaxError(int line, int column, String message) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    /** @return the document's root, or null when the text holds no document (empty or comments only). */
    static YamlNode read(String text) throws SyntaxError {
        LoaderOptions options = new LoaderOptions();
        options.setMergeOnCompose(true); // "<<: *defaults" then just works, with marks pointing at the anchor
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw mark == null ? new SyntaxError(0, 0, problem)
                    : new SyntaxError(mark.getLine() + 1, mark.getColumn() + 1, problem);
        } catch (YAMLException e) {
            throw new SyntaxError(0, 0, e.getMessage());
        }
        return root == null ? null : convert(root, 0);
    }

    private static YamlNode convert(Node node, int depth) throws SyntaxError {
        int line = node.getStartMark().getLine() + 1;
        int column = node.getStartMark().getColumn() + 1;
        if (depth > MAX_DEPTH) {
            throw new SyntaxError(line, column, "nested too deeply (is an alias referring to itself?)");
        }
        if (node instanceof ScalarNode scalar) {
            boolean isNull = scalar.isPlain() && Tag.NULL.equals(scalar.getTag());
            return new YamlNode.Scalar(isNull ? null : scalar.getValue(), scalar.isPlain(), line, column);
        }
        if (node instanceof SequenceNode sequence) {
            List<YamlNode> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(item, depth + 1));
            }
            return new YamlNode.Sequence(List.copyOf(items), line, column);
        }
        MappingNode mapping = (MappingNode) node;
        List<YamlNode.Entry> entries = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            String name = key instanceof ScalarNode s ? s.getValue() : null;
            entries.add(new YamlNode.Entry(name, key.getStartMark().getLine() + 1, key.getStartMark().getColumn() + 1,
                    convert(tuple.getValueNode(), depth + 1)));
        }
        return new YamlNode.Mapping(List.copyOf(entries), line, column);
    }
}
