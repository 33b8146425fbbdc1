package dev.rollback.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.core.report.ReportScenario;
import dev.rollback.testsupport.CliResult;
import dev.rollback.testsupport.CliRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

import static dev.rollback.testsupport.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code rollback report} in-process, on journals the real journal code wrote into the state directory. */
class ReportCommandTest {

    private static final String OLDER = "rb-20261122-101500-search-0001";
    private static final String NEWER = "rb-20261123-021433-recsys-7f3a";

    @TempDir
    Path dir;

    @BeforeEach
    void twoRollbacks() throws Exception {
        Files.writeString(dir.resolve("rollback.yaml"), """
                registries:
                  default:
                    trackingUri: http://127.0.0.1:9
                services:
                  recsys:
                    model:
                      name: homepage-recsys
                """);
        Instant yesterday = Instant.parse("2026-11-22T10:15:00Z");
        ReportScenario older = new ReportScenario(dir.resolve("state/journal"), yesterday);
        older.run(older.create(ReportScenario.plan(OLDER, yesterday, "search", "search got slow")), Set.of(), Set.of(),
                Set.of());
        new ReportScenario(dir.resolve("state/journal")).completedWithDecision();
    }

    private CliRunner cli() {
        return new CliRunner(dir).env("ROLLBACK_STATE_DIR", dir.resolve("state").toString());
    }

    @Test
    void lastIsTheNewestRollbackAsMarkdownOnStdout() {
        CliResult result = cli().run("report", "--last");

        assertThat(result).succeeded().errIsEmpty().hasNoAnsiCodes()
                .outContains("# Incident report: recsys rolled back v7 → v5", "`" + NEWER + "`", "[fill in]");
    }

    @Test
    void lastOfAServiceAndAnIdPickThatRollback() {
        assertThat(cli().run("report", "--last", "--service", "search")).succeeded()
                .outContains("# Incident report: search rolled back v7 → v5", "search got slow");
        assertThat(cli().run("report", OLDER)).succeeded().outContains("`" + OLDER + "`");
    }

    @Test
    void anUnknownIdIsNotFoundAndListsTheNewestIds() {
        CliResult result = cli().run("report", "rb-nope");

        assertThat(result).exitedWith(4).errIsOneLine().errContains("no rollback journal 'rb-nope' in "
                + dir.resolve("state/journal"), "newest: " + NEWER + " (recsys), " + OLDER + " (search)");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void noJournalsAtAllIsNotFoundWithAHint() {
        CliResult result = cli().env("ROLLBACK_STATE_DIR", dir.resolve("empty").toString()).run("report", "--last");

        assertThat(result).exitedWith(4).errIsOneLine().errContains("no rollback journals in", "there are none");
        assertThat(cli().run("report", "--last", "--service", "ranker")).exitedWith(4).errIsOneLine()
                .errContains("no rollback journals of service 'ranker'", "newest: " + NEWER);
    }

    @Test
    void whichRollbackMustBeSaidOnceAndClearly() {
        assertThat(cli().run("report")).exitedWith(2).errIsOneLine().errContains("'rollback report --last'");
        assertThat(cli().run("report", NEWER, "--last")).exitedWith(2).errIsOneLine().errContains("not both");
        assertThat(cli().run("report", NEWER, "--service", "recsys")).exitedWith(2).errContains("--service goes with --last");
        assertThat(cli().run("report", "--last", "--force")).exitedWith(2).errContains("--force goes with --output-file");
    }

    @Test
    void helpNeedsNoConfigurationAndNoJournal() throws Exception {
        Files.delete(dir.resolve("rollback.yaml"));

        assertThat(cli().run("report", "--help")).succeeded().errIsEmpty()
                .outContains("Usage: rollback report", "--last", "--output-file", "--force");
    }

    @Test
    void jsonHasTheSameFacts() throws Exception {
        CliResult result = cli().run("report", NEWER, "-o", "json");

        assertThat(result).succeeded().errIsEmpty();
        JsonNode doc = new ObjectMapper().readTree(result.out());
        assertThat(doc.path("kind").asText()).isEqualTo("IncidentReport");
        assertThat(doc.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(doc.path("id").asText()).isEqualTo(NEWER);
        assertThat(doc.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(doc.path("severity").path("level").asText()).isEqualTo("P1");
        assertThat(doc.path("mttr").path("seconds").asDouble()).isEqualTo(593.0);
        assertThat(doc.path("journal").asText()).isEqualTo(dir.resolve("state/journal/" + NEWER + ".jsonl").toString());
    }

    @Test
    void outputFileWritesTheReportSaysWhereAndNeverOverwritesUnlessForced() throws Exception {
        CliResult written = cli().run("report", "--last", "--output-file", "incident.md");

        Path file = dir.resolve("incident.md");
        assertThat(written).succeeded().errContains("wrote the report of " + NEWER + " to " + file);
        assertThat(written.out()).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(cli().run("report", "--last").out());

        Files.writeString(file, "notes people already wrote");
        CliResult refused = cli().run("report", OLDER, "--output-file", "incident.md");
        assertThat(refused).exitedWith(7).errIsOneLine().errContains(file + " already exists; pass --force");
        assertThat(Files.readString(file)).isEqualTo("notes people already wrote");

        assertThat(cli().run("report", OLDER, "--output-file", "incident.md", "--force")).succeeded();
        assertThat(Files.readString(file)).contains("`" + OLDER + "`");
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void outputFileInAMissingDirectoryOrOnADirectoryIsAUsageError() {
        assertThat(cli().run("report", "--last", "--output-file", "no/such/dir/r.md")).exitedWith(2).errIsOneLine()
                .errContains("does not exist");
        assertThat(cli().run("report", "--last", "--output-file", "state")).exitedWith(2).errIsOneLine()
                .errContains("is a directory");
    }

    @Test
    void jsonToAFileKeepsStdoutEmpty() throws Exception {
        CliResult result = cli().run("report", "--last", "-o", "json", "--output-file", "r.json");

        assertThat(result).succeeded();
        assertThat(result.out()).isEmpty();
        assertThat(new ObjectMapper().readTree(dir.resolve("r.json").toFile()).path("kind").asText())
                .isEqualTo("IncidentReport");
    }

    @Test
    void aTerminalGetsTheSameMarkdownWithoutColors() {
        CliResult plain = cli().run("report", "--last");
        CliResult terminal = cli().interactive(true).run("report", "--last");

        assertThat(terminal).succeeded().hasNoAnsiCodes();
        assertThat(terminal.out()).isEqualTo(plain.out());
    }
}
