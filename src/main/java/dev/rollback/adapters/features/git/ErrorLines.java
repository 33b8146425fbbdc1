package dev.rollback.adapters.features.git;

import java.util.regex.Pattern;

/** The one line of a failed git/dvc call worth showing, with any credentials in URLs taken out. */
final class ErrorLines {

    // scheme://user:secret@host → scheme://host; git and dvc echo remote URLs in their errors
    private static final Pattern USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@'\"]+@");

    private ErrorLines() {
    }

    /**
     * The last "fatal:" / "error:" / "ERROR:" line; else the last non-empty line. Both tools print the reason on
     * such a line and then hints ("Aborting", "Is your cache up to date?", a docs URL) that say nothing alone.
     * A refused push is the exception: its "error: failed to push some refs" says nothing, while the
     * "! [remote rejected] ... (why)" line and the server's first "remote:" message (a hook's) say why.
     */
    static String reason(String stderr, int exitCode) {
        String lastError = null;
        String last = null;
        String rejected = null;
        String serverSays = null;
        for (String raw : (stderr == null ? "" : stderr).split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            last = line;
            if (line.startsWith("! [") && rejected == null) {
                rejected = line;
            }
            if (line.startsWith("remote:") && serverSays == null && !line.substring(7).isBlank()) {
                serverSays = line;
            }
            if (line.startsWith("fatal:") || line.startsWith("error:") || line.startsWith("ERROR:")) {
                lastError = line;
            }
        }
        if (rejected != null) {
            return redact(rejected + (serverSays == null ? "" : "; " + serverSays));
        }
        String chosen = lastError != null ? lastError : last;
        return chosen == null ? "exit code " + exitCode + " without a message" : redact(chosen);
    }

    static String redact(String text) {
        return text == null ? null : USERINFO.matcher(text).replaceAll("$1");
    }
}
