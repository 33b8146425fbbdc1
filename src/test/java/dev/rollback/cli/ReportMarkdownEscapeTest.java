package dev.rollback.cli;

import dev.rollback.cli.render.MarkdownEscape;
import dev.rollback.cli.render.MarkdownReport;
import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.report.IncidentReportBuilder;
import dev.rollback.core.report.ReportScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * User text cannot change a report's structure. The expected strings were checked in a CommonMark + GFM-tables
 * renderer (markdown-it 14): each renders back as exactly the text typed, in a table cell, a list item and at
 * the start of a line.
 */
class ReportMarkdownEscapeTest {

    @TempDir
    Path dir;

    @Test
    void markdownSyntaxIsEscaped() {
        assertThat(MarkdownEscape.inline("a | b")).isEqualTo("a \\| b");
        assertThat(MarkdownEscape.inline("*bold* _em_")).isEqualTo("\\*bold\\* \\_em\\_");
        assertThat(MarkdownEscape.inline("`rm -rf`")).isEqualTo("\\`rm -rf\\`");
        assertThat(MarkdownEscape.inline("[l](http://x)")).isEqualTo("\\[l\\](http://x)");
        assertThat(MarkdownEscape.inline("# not a heading")).isEqualTo("\\# not a heading");
        assertThat(MarkdownEscape.inline("~~gone~~ $x$")).isEqualTo("\\~\\~gone\\~\\~ \\$x\\$");
        assertThat(MarkdownEscape.inline("a\\b")).isEqualTo("a\\\\b");
    }

    @Test
    void htmlAndEntitiesStayText() {
        assertThat(MarkdownEscape.inline("<script>x</script>")).isEqualTo("&lt;script>x&lt;/script>");
        assertThat(MarkdownEscape.inline("&copy; &#124; R&D")).isEqualTo("&amp;copy; &amp;\\#124; R&D");
        assertThat(MarkdownEscape.inline("0.12 > 0.05")).as("readable where harmless").isEqualTo("0.12 > 0.05");
        assertThat(MarkdownEscape.inline("> quoted")).isEqualTo("&gt; quoted");
    }

    @Test
    void blockMarkersAreEscapedOnlyWhereTheyWouldStartABlock() {
        assertThat(MarkdownEscape.inline("- item")).isEqualTo("\\- item");
        assertThat(MarkdownEscape.inline("+ item")).isEqualTo("\\+ item");
        assertThat(MarkdownEscape.inline("1. one")).isEqualTo("1\\. one");
        assertThat(MarkdownEscape.inline("12) x")).isEqualTo("12\\) x");
        assertThat(MarkdownEscape.inline("---")).isEqualTo("\\---");
        assertThat(MarkdownEscape.inline("===")).isEqualTo("\\===");
        assertThat(MarkdownEscape.inline("--no-verify")).isEqualTo("--no-verify");
        assertThat(MarkdownEscape.inline("1.5 ratio")).isEqualTo("1.5 ratio");
        assertThat(MarkdownEscape.inline("see - this")).isEqualTo("see - this");
    }

    @Test
    void lineBreaksStayInsideTheLineAndControlCharactersGo() {
        assertThat(MarkdownEscape.inline("one\ntwo\r\nthree\rfour")).isEqualTo("one<br>two<br>three<br>four");
        assertThat(MarkdownEscape.inline("x\n- y")).isEqualTo("x<br>- y");
        assertThat(MarkdownEscape.inline("\u001b[31mred\u001b[0m\tok")).isEqualTo("[31mred[0m ok".replace("[", "\\["));
        assertThat(MarkdownEscape.inline(null)).isEmpty();
    }

    @Test
    void aCodeSpanHoldsBackticks() {
        assertThat(MarkdownEscape.code("rb-1")).isEqualTo("`rb-1`");
        assertThat(MarkdownEscape.code("a ` b")).isEqualTo("``a ` b``");
        assertThat(MarkdownEscape.code("`x`")).isEqualTo("`` `x` ``");
    }

    /** Every user-supplied field hostile at once: the tables keep their columns and the headings stay ours. */
    @Test
    void hostileTextEverywhereLeavesTheReportsStructureAlone() {
        String nasty = ReportScenario.NASTY_REASON + "\n| x | y |\n## injected";
        ReportScenario scenario = new ReportScenario(dir);
        Plan plain = ReportScenario.plan(nasty);
        Plan plan = new Plan(plain.id(), plain.kind(), plain.service(), plain.createdAt(), nasty, nasty,
                plain.steps(), List.of(nasty, "serving | " + nasty));
        Journal journal = scenario.create(plan);
        journal.append(JournalEntry.decision(ReportScenario.decision(), nasty));
        scenario.run(journal, Set.of("Deployment"), Set.of("alias"), Set.of());
        journal.append(JournalEntry.note(java.time.Instant.parse("2026-11-23T03:00:00Z"), nasty));

        String markdown = MarkdownReport.render(IncidentReportBuilder.from(journal));

        assertThat(markdown.lines().filter(l -> l.startsWith("#")))
                .containsExactly("# Incident report: recsys rollback v7 → v5 needs attention", "## Summary",
                        "## Timeline (UTC)", "## Phases", "## What changed", "## Metrics decision", "## Verification",
                        "## Impact", "## What went well", "## What did not go well", "## Corrective actions");
        assertThat(markdown.lines().filter(l -> l.startsWith(">") || l.startsWith("<"))).isEmpty();
        assertThat(markdown.replace("<br>", "")).doesNotContain("<");
        assertTablesKeepTheirColumns(markdown);
    }

    private static final Pattern UNESCAPED_PIPE = Pattern.compile("(?<!\\\\)\\|");

    private static void assertTablesKeepTheirColumns(String markdown) {
        int columns = -1;
        for (String line : markdown.lines().toList()) {
            if (!line.startsWith("|")) {
                columns = -1;
                continue;
            }
            long pipes = UNESCAPED_PIPE.matcher(line).results().count();
            if (columns < 0) {
                columns = (int) pipes;
            }
            assertThat(pipes).as(line).isEqualTo(columns);
        }
    }
}
