package dev.rollback.testsupport;

/** What one CLI run produced. {@link #toString()} shows everything, so failed assertions explain themselves. */
public record CliResult(String[] args, int exitCode, String out, String err) {

    @Override
    public String toString() {
        return "rollback " + String.join(" ", args) + "\n--- exit code: " + exitCode + "\n--- stdout:\n" + out
                + "--- stderr:\n" + err + "---";
    }
}
