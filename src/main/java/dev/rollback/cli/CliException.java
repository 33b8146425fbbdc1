package dev.rollback.cli;

/** A failure the user can fix, with the exit code it maps to. The message is one line. */
public class CliException extends RuntimeException {

    private final ExitCode exitCode;

    public CliException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
