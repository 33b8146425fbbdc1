package dev.rollback.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "rollback",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Undo a bad ML release with one command.",
        description = {
            "Reads the model registry (and, as they are configured, serving, features and CI) for the services "
                + "in rollback.yaml, tells what is live and what is safe to go back to."},
        subcommands = {StatusCommand.class, CandidatesCommand.class, ModelCommand.class, ResumeCommand.class,
            AbortCommand.class, PrepareCommand.class, HistoryCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0 ok, 1 internal error, 2 usage, 3 config, 4 not found, 5 registry unavailable, 6 auth, 10 warnings",
            "Docs: README.md in the rollback repository."})
public final class RootCommand implements Runnable {

    private final CliContext context;

    @Mixin
    GlobalOptions globalOptions;

    @Spec
    CommandSpec spec;

    public RootCommand(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: try 'rollback status' or 'rollback --help'");
    }
}
