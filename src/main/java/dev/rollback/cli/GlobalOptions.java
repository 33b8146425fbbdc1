package dev.rollback.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/**
 * Options accepted before or after any subcommand ({@code rollback -o json status} and
 * {@code rollback status -o json}). Every copy of this mixin writes into the one
 * {@link CliContext} of the root command, so the last occurrence wins wherever it was typed.
 */
public class GlobalOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: table).")
    void setOutput(OutputFormat output) {
        context().setOutput(output);
    }

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: $ROLLBACK_CONFIG, ./rollback.yaml, "
                    + "$XDG_CONFIG_HOME/rollback/config.yaml).")
    void setConfig(Path config) {
        context().setConfigFlag(config);
    }

    @Option(names = "--verbose", description = "Show stack traces and diagnostic detail on errors.")
    void setVerbose(boolean verbose) {
        if (verbose) {
            context().setVerbose(true);
        }
    }

    @Option(names = "--no-color", description = "Never use colors (also: NO_COLOR environment variable).")
    void setNoColor(boolean noColor) {
        if (noColor) {
            context().setNoColor(true);
        }
    }

    private CliContext context() {
        return ((RootCommand) mixee.root().userObject()).context();
    }
}
