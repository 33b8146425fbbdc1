package dev.rollback.cli.render;

import org.fusesource.jansi.Ansi;

/** Colors for table output; identity when colors are off (pipes, NO_COLOR, --no-color, json). */
public record Style(boolean colors) {

    public String good(String text) {
        return paint(text, Ansi.Color.GREEN, false);
    }

    public String warn(String text) {
        return paint(text, Ansi.Color.YELLOW, true);
    }

    public String bad(String text) {
        return paint(text, Ansi.Color.RED, true);
    }

    public String bold(String text) {
        return colors ? Ansi.ansi().bold().a(text).reset().toString() : text;
    }

    private String paint(String text, Ansi.Color color, boolean bold) {
        if (!colors) {
            return text;
        }
        Ansi ansi = Ansi.ansi();
        if (bold) {
            ansi.bold();
        }
        return ansi.fg(color).a(text).reset().toString();
    }
}
