package dev.rollback.core.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.cli.render.Json;
import dev.rollback.cli.render.MarkdownReport;
import dev.rollback.cli.render.ReportJson;
import dev.rollback.core.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/**
 * The report of journals written by the real journal code, against reviewed files: the Markdown is the
 * specification of what a reviewer reads, the JSON of what scripts rely on. (That the journal file gives back
 * the same report is {@link ReportJournalFileTest}'s job.)
 */
class ReportGoldenTest {

    @TempDir
    Path dir;

    @Test
    void anIncidentWithADecisionAndAFailedVerification() throws Exception {
        IncidentReport report = IncidentReportBuilder.from(new ReportScenario(dir).completedWithDecision());

        Golden.assertMatches("completed-with-decision.md", MarkdownReport.render(report));
        Golden.assertMatches("completed-with-decision.json", json(report));
    }

    @Test
    void aManualRollbackThatWasReverted() throws Exception {
        Journal journal = new ReportScenario(dir).revertedByHand();

        Golden.assertMatches("reverted-by-hand.md", MarkdownReport.render(IncidentReportBuilder.from(journal)));
    }

    /** The journal's path is the temp dir's: the one field that differs between runs. */
    static String json(IncidentReport report) {
        ObjectNode doc = ReportJson.document(report);
        doc.put("journal", "<journal>");
        StringWriter out = new StringWriter();
        Json.print(doc, new PrintWriter(out, true));
        return out.toString();
    }
}
