package dev.rollback.adapters.journal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.journal.JournalStore;
import dev.rollback.core.plan.Plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Journals as JSON-lines files in the state directory, one file per rollback
 * ({@code <dir>/<id>.jsonl}). Each entry is appended and fsynced before the step it announces runs.
 */
public final class FileJournalStore implements JournalStore {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;

    public FileJournalStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public Journal create(Plan plan) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(plan.id() + ".jsonl");
            Files.createFile(file); // fails if the id was used: never append to someone else's journal
            FileJournal journal = new FileJournal(file, plan, new ArrayList<>());
            journal.append(JournalEntry.plan(plan.createdAt(), plan));
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Journal> open(String id) {
        Path file = dir.resolve(id + ".jsonl");
        if (!id.matches("[A-Za-z0-9._-]+") || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(FileJournal.read(file));
    }

    @Override
    public List<Journal> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                    .map(FileJournal::read)
                    .sorted(Comparator.comparing((Journal j) -> j.plan().createdAt()).reversed())
                    .map(j -> (Journal) j)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list journals in " + dir + ": " + e.getMessage(), e);
        }
    }
}
