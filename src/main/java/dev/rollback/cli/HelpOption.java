package dev.rollback.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} on every subcommand: at 2 AM, `rollback model --help` must answer, not fail. */
public class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
