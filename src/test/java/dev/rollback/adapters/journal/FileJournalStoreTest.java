package dev.rollback.adapters.journal;

import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.journal.JournalState;
import dev.rollback.core.journal.Outcome;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.plan.StepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileJournalStoreTest {

    @TempDir
    Path dir;

    private static Plan plan(String id, Instant at) {
        return new Plan(id, "model", "recsys", at, "alice@example.com", "diversity \"collapse\"\nline two",
                List.of(new StepSpec("registry.alias", "model", "alias 'champion' of m", "7", "5", Map.of("model", "m"))),
                List.of("feature pipeline"));
    }

    @Test
    void entriesSurviveAReopenExactly() {
        FileJournalStore store = new FileJournalStore(dir);
        Journal journal = store.create(plan("rb-1", Instant.parse("2026-11-23T02:14:00Z")));
        journal.append(JournalEntry.step(Instant.parse("2026-11-23T02:14:01Z"), JournalEntry.Type.INTENT, 0, "x"));
        journal.append(JournalEntry.step(Instant.parse("2026-11-23T02:14:02Z"), JournalEntry.Type.APPLIED, 0, "y"));

        Journal reopened = store.open("rb-1").orElseThrow();

        assertThat(reopened.plan()).isEqualTo(journal.plan());
        assertThat(reopened.entries()).isEqualTo(journal.entries());
        assertThat(JournalState.of(reopened.entries()).applied()).containsExactly(0);
    }

    @Test
    void aTornLastLineFromACrashIsIgnoredButEarlierDamageIsNot() throws Exception {
        FileJournalStore store = new FileJournalStore(dir);
        Journal journal = store.create(plan("rb-2", Instant.EPOCH));
        journal.append(JournalEntry.step(Instant.EPOCH, JournalEntry.Type.INTENT, 0, "x"));
        Path file = dir.resolve("rb-2.jsonl");
        Files.writeString(file, "{\"at\":\"1970-01-01T00:00:00Z\",\"ty", StandardOpenOption.APPEND);

        assertThat(store.open("rb-2").orElseThrow().entries()).hasSize(2);

        Files.writeString(file, "\n{}\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> store.open("rb-2")).hasMessageContaining("is damaged");
    }

    @Test
    void appendingAfterATornLastLineCutsItOffSoTheJournalStaysReadable() throws Exception {
        FileJournalStore store = new FileJournalStore(dir);
        store.create(plan("rb-3", Instant.EPOCH)).append(JournalEntry.step(Instant.EPOCH, JournalEntry.Type.INTENT, 0, "x"));
        Files.writeString(dir.resolve("rb-3.jsonl"), "{\"at\":\"1970-01-01T00:00:00Z\",\"ty", StandardOpenOption.APPEND);

        Journal resumed = store.open("rb-3").orElseThrow();
        resumed.append(JournalEntry.step(Instant.EPOCH, JournalEntry.Type.APPLIED, 0, "y"));

        assertThat(store.open("rb-3").orElseThrow().entries()).extracting(JournalEntry::type)
                .containsExactly(JournalEntry.Type.PLAN, JournalEntry.Type.INTENT, JournalEntry.Type.APPLIED);
        assertThat(Files.readString(dir.resolve("rb-3.jsonl"))).doesNotContain("\"ty{").endsWith("}\n");
    }

    @Test
    void listIsNewestFirstAndIdsAreNeverReused() {
        FileJournalStore store = new FileJournalStore(dir);
        store.create(plan("rb-old", Instant.parse("2026-01-01T00:00:00Z")));
        Journal newer = store.create(plan("rb-new", Instant.parse("2026-06-01T00:00:00Z")));
        newer.append(JournalEntry.end(Instant.parse("2026-06-01T00:01:00Z"), Outcome.COMPLETED, "done"));

        assertThat(store.list()).extracting(Journal::id).containsExactly("rb-new", "rb-old");
        assertThatThrownBy(() -> store.create(plan("rb-old", Instant.EPOCH))).hasMessageContaining("rb-old");
        assertThat(store.open("../etc/passwd")).isEmpty();
        assertThat(store.open("missing")).isEmpty();
    }
}
