package dev.rollback.cli.render;

import java.util.ArrayList;
import java.util.List;

/** A GitHub-flavoured Markdown table. Cells are already-escaped Markdown (see {@link MarkdownEscape}). */
final class MarkdownTable {

    private final List<String> lines = new ArrayList<>();

    MarkdownTable(String... headers) {
        lines.add(row(headers));
        lines.add("|" + "---|".repeat(headers.length));
    }

    MarkdownTable row(Object... cells) {
        lines.add(row(java.util.Arrays.stream(cells).map(c -> c == null ? "" : c.toString()).toArray(String[]::new)));
        return this;
    }

    void appendTo(StringBuilder out) {
        lines.forEach(l -> out.append(l).append('\n'));
    }

    /** Empty cells stay "| |" rather than "||", which some renderers read as one cell. */
    private static String row(String[] cells) {
        StringBuilder line = new StringBuilder("|");
        for (String cell : cells) {
            line.append(' ').append(cell.isEmpty() ? "" : cell + " ").append('|');
        }
        return line.toString();
    }
}
