package dev.rollback.cli;

import dev.rollback.cli.render.Json;
import dev.rollback.cli.render.MarkdownReport;
import dev.rollback.cli.render.ReportJson;
import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalStore;
import dev.rollback.core.report.IncidentReport;
import dev.rollback.core.report.IncidentReportBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report",
        header = "Write the incident report of a rollback, from its journal (Markdown; -o json for scripts).",
        description = "Title, severity, status, summary, timeline, phases and MTTR, what changed per layer, the "
                + "metrics decision and verification, and sections marked [fill in] for people. Reads only the "
                + "journal: nothing is contacted except the journal mirror, when one is configured.")
public final class ReportCommand implements Callable<Integer> {

    /** How many ids an "unknown id" error lists: enough to spot a typo, short enough for one line. */
    private static final int IDS_SHOWN = 3;

    @ParentCommand
    RootCommand root;

    @Mixin
    GlobalOptions globalOptions;

    @Parameters(paramLabel = "ID", arity = "0..1", description = "The rollback id (rb-...), as 'rollback history' shows it.")
    String id;

    @Option(names = "--last", description = "The newest rollback (of any service, or of --service).")
    boolean last;

    @Option(names = "--service", paramLabel = "NAME", description = "With --last: the newest rollback of this service.")
    String service;

    // Not --output: that is the global -o/--output FORMAT every command takes.
    @Option(names = "--output-file", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path file;

    @Option(names = "--force", description = "With --output-file: replace FILE if it exists.")
    boolean force;

    @Override
    public Integer call() {
        CliContext ctx = root.context();
        checkOptions();
        IncidentReport report = IncidentReportBuilder.from(journal(ctx, Wiring.journals(ctx)));
        String text = ctx.output() == OutputFormat.json ? json(report) : MarkdownReport.render(report);
        if (file == null) {
            ctx.out().print(text);
            ctx.out().flush();
        } else {
            Path written = ReportFile.write(ctx.cwd().resolve(file), text, force);
            // stderr: stdout stays empty (or valid JSON) for whoever pipes it
            ctx.err().println("wrote the report of " + report.id() + " to " + written);
        }
        return ExitCode.OK.code();
    }

    private void checkOptions() {
        if (id == null && !last) {
            throw new CliException(ExitCode.USAGE, "name the rollback to report on: 'rollback report ID', or "
                    + "'rollback report --last' for the newest ('rollback history SERVICE' lists ids)");
        }
        if (id != null && last) {
            throw new CliException(ExitCode.USAGE, "give either an ID or --last, not both");
        }
        if (service != null && !last) {
            throw new CliException(ExitCode.USAGE, "--service goes with --last; an ID already names one rollback");
        }
        if (force && file == null) {
            throw new CliException(ExitCode.USAGE, "--force goes with --output-file; stdout is never overwritten");
        }
    }

    private Journal journal(CliContext ctx, JournalStore journals) {
        Path dir = Wiring.stateDir(ctx.env()).resolve("journal");
        if (!last) {
            return journals.open(id).orElseThrow(() -> new CliException(ExitCode.NOT_FOUND, "no rollback journal '"
                    + id + "' in " + dir + newest(journals.list())));
        }
        List<Journal> all = journals.list(); // newest first
        return all.stream().filter(j -> service == null || j.plan().service().equals(service)).findFirst()
                .orElseThrow(() -> new CliException(ExitCode.NOT_FOUND, "no rollback journals"
                        + (service == null ? "" : " of service '" + service + "'") + " in " + dir + newest(all)));
    }

    /** "; newest: a, b, c" — or why there is nothing to list. */
    private static String newest(List<Journal> journals) {
        if (journals.isEmpty()) {
            return "; there are none (is ROLLBACK_STATE_DIR right?)";
        }
        return "; newest: " + String.join(", ", journals.stream().limit(IDS_SHOWN)
                .map(j -> j.id() + " (" + j.plan().service() + ")").toList());
    }

    private static String json(IncidentReport report) {
        StringWriter text = new StringWriter();
        Json.print(ReportJson.document(report), new PrintWriter(text, true));
        return text.toString();
    }
}
