package dev.rollback.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * Builds the one {@link CommandLine} used by {@code main} and by the tests, with every handler
 * installed: output writers, colors, short usage errors, exception-to-exit-code mapping.
 */
public final class CommandLineFactory {

    private CommandLineFactory() {
    }

    public static CommandLine create(CliContext context) {
        CommandLine cmd = new CommandLine(new RootCommand(context));
        cmd.setOut(context.out());
        cmd.setErr(context.err());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setColorScheme(CommandLine.Help.defaultColorScheme(helpAnsi(context)));
        cmd.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            context.err().println("rollback: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, context.err());
            context.err().println("Usage: " + failed.getCommandSpec().qualifiedName() + " --help");
            context.err().flush();
            return ExitCode.USAGE.code();
        });
        cmd.setExecutionExceptionHandler((ex, failed, parseResult) -> ErrorReporter.report(ex, context).code());
        return cmd;
    }

    /** Help colors follow the same rules as command output (TTY, NO_COLOR). */
    private static Ansi helpAnsi(CliContext context) {
        return context.colors() ? Ansi.ON : Ansi.OFF;
    }
}
