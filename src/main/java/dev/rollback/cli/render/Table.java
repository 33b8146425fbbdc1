package dev.rollback.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain left-aligned text table, kubectl style: upper-case headers, two spaces between columns.
 * Cells may carry ANSI color codes; widths are computed on the visible text.
 */
public final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    public Table row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(List.of(cells));
        return this;
    }

    public void print(PrintWriter out) {
        print(out, "");
    }

    /** Every line starts with {@code indent} (a table inside a section). */
    public void print(PrintWriter out, String indent) {
        int[] widths = new int[headers.size()];
        for (List<String> line : allLines()) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], visibleLength(line.get(i)));
            }
        }
        for (List<String> line : allLines()) {
            StringBuilder sb = new StringBuilder(indent);
            for (int i = 0; i < line.size(); i++) {
                String cell = line.get(i);
                sb.append(cell);
                if (i < line.size() - 1) {
                    sb.append(" ".repeat(widths[i] - visibleLength(cell) + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private List<List<String>> allLines() {
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        return all;
    }

    static int visibleLength(String s) {
        return s.replaceAll("\u001B\\[[;\\d]*m", "").length();
    }
}
