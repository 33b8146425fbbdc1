package dev.rollback.core.report;

import dev.rollback.core.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `rollback report` runs long after the rollback, so it reads the journal from its file: every fact must survive
 * the JSON lines (decision readings, verification durations, step details with newlines).
 */
class ReportJournalFileTest {

    @TempDir
    Path dir;

    @Test
    void theReportFromTheFileIsTheReportOfTheRun() {
        ReportScenario scenario = new ReportScenario(dir);
        Journal written = scenario.completedWithDecision();

        IncidentReport fromFile = IncidentReportBuilder.from(scenario.reopened(written));

        String expected = ReportGoldenTest.json(IncidentReportBuilder.from(written));
        String actual = ReportGoldenTest.json(fromFile);
        assertThat(actual).as(() -> "the report changed on its way through the journal file:\n"
                + Golden.diff("as written", expected, actual)).isEqualTo(expected);
    }
}
