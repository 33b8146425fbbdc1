package dev.rollback.adapters.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.plan.Plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** One journal file: appended line by line, forced to disk on every append. */
final class FileJournal implements Journal {

    private final Path file;
    private final Plan plan;
    private final List<JournalEntry> entries;

    FileJournal(Path file, Plan plan, List<JournalEntry> entries) {
        this.file = file;
        this.plan = plan;
        this.entries = entries;
    }

    static FileJournal read(Path file) {
        try {
            List<JournalEntry> entries = new ArrayList<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                try {
                    entries.add(FileJournalStore.JSON.readValue(lines.get(i), JournalEntry.class));
                } catch (JsonProcessingException e) {
                    // A crash mid-write can cut the last line short: everything before it is intact and
                    // is what counts. A damaged line anywhere else is real damage.
                    if (i < lines.size() - 1) {
                        throw e;
                    }
                }
            }
            if (entries.isEmpty() || entries.get(0).plan() == null) {
                throw new IllegalStateException("journal " + file + " has no plan entry");
            }
            return new FileJournal(file, entries.get(0).plan(), entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("journal " + file + " is damaged: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String id() {
        return plan.id();
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public synchronized void append(JournalEntry entry) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            byte[] line = (FileJournalStore.JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            channel.position(dropTornTail(channel));
            channel.write(ByteBuffer.wrap(line));
            channel.force(true); // write-ahead: the entry is on disk before the step runs
            entries.add(entry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A crash mid-write can leave a last line without its newline. Reading ignores it; appending after
     * it would glue the next entry onto it and make a damaged line in the middle, which reading refuses.
     * So cut it off first. Returns where the next entry goes.
     */
    private static long dropTornTail(FileChannel channel) throws IOException {
        long size = channel.size();
        long end = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (end > 0) {
            one.clear();
            channel.read(one, end - 1);
            if (one.get(0) == '\n') {
                break;
            }
            end--;
        }
        if (end < size) {
            channel.truncate(end);
        }
        return end;
    }

    @Override
    public synchronized List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public String location() {
        return file.toString();
    }
}
