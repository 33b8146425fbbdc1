package dev.rollback.adapters.journal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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

    // Records are written by their components only: a convenience like Reading.isGap() must not become a
    // property (it would overwrite the gap's text with a boolean).
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);

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
        if (!isValidId(id) || !Files.isRegularFile(file(id))) {
            return Optional.empty();
        }
        return Optional.of(FileJournal.read(file(id)));
    }

    /** The id in a journal's first entry (its PLAN), if it starts like a journal at all. */
    static Optional<String> planId(byte[] content) {
        String text = new String(content, java.nio.charset.StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        try {
            JournalEntry first = JSON.readValue(newline < 0 ? text : text.substring(0, newline), JournalEntry.class);
            return first.type() == JournalEntry.Type.PLAN && first.plan() != null
                    ? Optional.ofNullable(first.plan().id()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether a journal's content ends with its END entry (the rollback is over, however it ended). */
    static boolean isFinished(byte[] content) {
        String text = new String(content, java.nio.charset.StandardCharsets.UTF_8).stripTrailing();
        String last = text.substring(text.lastIndexOf('\n') + 1);
        try {
            return JSON.readValue(last, JournalEntry.class).type() == JournalEntry.Type.END;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Keeps a copy beside the journals, under a name that is never listed as one. Returns where. */
    Path setAside(String id, String why) {
        Path from = file(id);
        Path to = dir.resolve(id + ".jsonl." + why + "-" + System.currentTimeMillis());
        try {
            Files.copy(from, to);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    /** Ids are file names: anything else (a path, "..") is never a journal of ours. */
    static boolean isValidId(String id) {
        return id.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    }

    Path file(String id) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("not a journal id: " + id);
        }
        return dir.resolve(id + ".jsonl");
    }

    /** The ids of the journals here, in no particular order. */
    List<String> ids() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jsonl"))
                    .map(n -> n.substring(0, n.length() - ".jsonl".length())).filter(FileJournalStore::isValidId).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list journals in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces (or creates) a journal with a copy from elsewhere, atomically: a reader sees the old or the
     * new file, never half of one.
     */
    void importCopy(String id, byte[] content) {
        try {
            Files.createDirectories(dir);
            // Not createTempFile: its 0600 would make imported journals unreadable in a shared state directory.
            Path tmp = dir.resolve("." + id + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".part");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(tmp, file(id), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store journal " + id + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Journal> list() {
        return ids().stream().map(id -> (Journal) FileJournal.read(file(id)))
                .sorted(Comparator.comparing((Journal j) -> j.plan().createdAt()).reversed())
                .toList();
    }
}
