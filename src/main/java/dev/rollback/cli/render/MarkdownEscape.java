package dev.rollback.cli.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes user-supplied text (a reason, a name, an error message) render as exactly that text in Markdown: it
 * cannot start a heading, list or quote, open emphasis, a link, a code span or HTML, insert an entity, or
 * break out of a table cell or line. Safe in headings, list items, paragraphs and table cells alike.
 */
public final class MarkdownEscape {

    /** Always escaped with a backslash (CommonMark allows it for any ASCII punctuation). */
    private static final String BACKSLASHED = "\\`*_[]|#~$";
    /** "&amp;" only where it would start an entity; "R&D" stays readable. */
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]*);");
    /**
     * At the start only: "- " and "+ " open a list item, and a text of nothing but '-', '=' and spaces is a
     * heading underline or a rule. "--no-verify" is none of these and stays as typed.
     */
    private static final Pattern LEADING_BULLET = Pattern.compile("^[-+](\\s|$)|^[-=+][-=+\\s]*$");
    /** "1. " and "1) " start an ordered list, but only at the start; "1.5" does not. */
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\d{1,9}(?=[.)](\\s|$))");

    private MarkdownEscape() {
    }

    /** The text as one Markdown line: line breaks become {@code <br>}, other control characters are dropped. */
    public static String inline(String text) {
        if (text == null) {
            return "";
        }
        String lines = text.strip().replace("\r\n", "\n").replace('\r', '\n');
        Matcher entity = ENTITY.matcher(lines);
        StringBuilder out = new StringBuilder(lines.length() + 16);
        for (int i = 0; i < lines.length(); i++) {
            char c = lines.charAt(i);
            if (c == '&') {
                out.append(entity.region(i, lines.length()).lookingAt() ? "&amp;" : "&");
            } else if (c == '\n') {
                out.append("<br>");
            } else if (c == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(c)) {
                continue; // e.g. an ANSI escape sequence's ESC pasted in from a terminal
            } else if (c == '<') {
                out.append("&lt;");
            } else if (c == '>' && out.isEmpty()) {
                out.append("&gt;"); // a quote only at the start; "0.12 > 0.05" stays readable
            } else if (BACKSLASHED.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        String escaped = out.toString();
        Matcher number = LEADING_NUMBER.matcher(escaped);
        if (number.find()) {
            return escaped.substring(0, number.end()) + "\\" + escaped.substring(number.end());
        }
        return LEADING_BULLET.matcher(escaped).find() ? "\\" + escaped : escaped;
    }

    /**
     * A code span that holds any text on one line: the fence is longer than any run of backticks inside. Not for
     * table cells: there a '|' would end the cell, and a backslash before it would show inside the span.
     */
    public static String code(String text) {
        String flat = (text == null ? "" : text).replaceAll("[\\r\\n\\t]+", " ");
        int longest = 0;
        Matcher runs = Pattern.compile("`+").matcher(flat);
        while (runs.find()) {
            longest = Math.max(longest, runs.group().length());
        }
        String fence = "`".repeat(longest + 1);
        String pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
        return fence + pad + flat + pad + fence;
    }
}
