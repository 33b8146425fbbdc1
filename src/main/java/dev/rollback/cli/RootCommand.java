package dev.rollback.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "rollback",
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Undo a bad ML release with one command.",
        description = {
            "Tells what is live and what is safe to go back to, rolls a model back across the registry and "
                + "Kubernetes serving as one plan (all steps, or none), and undoes a serving release (Deployment, "
                + "Helm, Argo Rollout, KServe) the same way."},
        subcommands = {StatusCommand.class, CandidatesCommand.class, ModelCommand.class, ResumeCommand.class,
            AbortCommand.class, InfraCommand.class, FeaturesCommand.class, RetrainCommand.class, PrepareCommand.class,
            ReportCommand.class,
            HistoryCommand.class, DecideCommand.class, WatchCommand.class, DrillCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0 ok, 1 internal error, 2 usage, 3 config, 4 not found, 5 unavailable, 6 auth, 7 refused (nothing "
                + "changed), 8 failed and undone, 9 needs attention/unfinished, 10 warnings, 11 locked, 12 CI run failed, "
                + "13 decide: investigate first, 14 decide: roll back now, 15 not recovered, 16 drill failed",
            "Docs: README.md in the rollback repository."})
public final class RootCommand implements Runnable {

    private final CliContext context;

    @Mixin
    GlobalOptions globalOptions; // with -h/--help, as on every subcommand

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

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
