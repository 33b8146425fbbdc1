package dev.rollback.adapters.journal;

import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.journal.JournalStore;
import dev.rollback.core.plan.Plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The local journals, mirrored so the team sees them. The local file stays the write-ahead record:
 * an entry is fsynced locally first, then the journal is uploaded in the background, so a slow or
 * dead mirror never slows or blocks a rollback (it only costs a warning). The last entry (END) waits
 * for its upload, so a finished rollback is visible to the team when the command returns.
 * <p>
 * Reading ({@link #list()}, {@link #open(String)}) first syncs both ways. Journals only grow, so a copy
 * that extends the other is the newer one: a mirrored copy extending ours (the rollback went on
 * elsewhere, or was never here) is fetched, a local one extending the mirror's (or missing there) is
 * uploaded. Copies that differ are left alone with a warning, except a finished mirrored copy against an
 * unfinished local one: that is a rollback finished elsewhere after our crash, and theirs wins.
 */
public final class MirroredJournalStore implements JournalStore {

    static final Duration FINAL_UPLOAD_WAIT = Duration.ofSeconds(10);

    private final FileJournalStore local;
    private final JournalMirror mirror;
    private final MirrorUploader uploader;
    private final Consumer<String> warnings;

    public MirroredJournalStore(FileJournalStore local, JournalMirror mirror, Consumer<String> warnings) {
        this.local = local;
        this.mirror = mirror;
        this.warnings = warnings;
        this.uploader = new MirrorUploader(mirror, warnings);
    }

    @Override
    public Journal create(Plan plan) {
        Journal journal = local.create(plan);
        uploader.schedule(journal.id(), local.file(journal.id()));
        return new Mirrored(journal);
    }

    @Override
    public Optional<Journal> open(String id) {
        if (!FileJournalStore.isValidId(id)) {
            return Optional.empty();
        }
        sync(Optional.of(id));
        return local.open(id).map(Mirrored::new);
    }

    @Override
    public List<Journal> list() {
        sync(Optional.empty());
        return local.list().stream().map(j -> (Journal) new Mirrored(j)).toList();
    }

    /** Waits for the uploads scheduled so far (bounded); the CLI does not need it, END already waits. */
    public void awaitUploads() {
        uploader.awaitIdle(FINAL_UPLOAD_WAIT);
    }

    /**
     * Both ways, for one journal or all. Fetches run here (the caller needs them); uploads go to the
     * background uploader, which orders them with any append's upload. Any mirror failure is a warning
     * and the local journals still serve.
     */
    private void sync(Optional<String> only) {
        Map<String, Long> remote;
        try {
            remote = mirror.sizes();
        } catch (RuntimeException e) {
            warnings.accept("journal mirror " + mirror.describe() + " unavailable: " + e.getMessage()
                    + "; using the local journals only (another machine's rollbacks are not shown)");
            return;
        }
        remote.keySet().removeIf(id -> !FileJournalStore.isValidId(id)); // not ours: never a file name here
        for (Map.Entry<String, Long> r : remote.entrySet()) {
            // Journals only grow: the same length means the same copy.
            if (only.map(r.getKey()::equals).orElse(true) && r.getValue() != localSize(r.getKey())) {
                reconcile(r.getKey());
            }
        }
        for (String id : only.map(List::of).orElseGet(local::ids)) {
            if (!remote.containsKey(id)) {
                uploader.schedule(id, local.file(id)); // e.g. written while the mirror was down
            }
        }
    }

    /** The two copies of one journal differ in length: take theirs, send ours, or say why neither. */
    private void reconcile(String id) {
        byte[] theirs;
        try {
            theirs = mirror.get(id);
        } catch (RuntimeException e) {
            warnings.accept("cannot fetch journal " + id + " from " + mirror.describe() + ": " + e.getMessage());
            return;
        }
        if (!FileJournalStore.planId(theirs).map(id::equals).orElse(false)) {
            warnings.accept("ignoring " + mirror.describe() + "/" + id + ".jsonl: it is not the journal of rollback " + id);
            return;
        }
        Path file = local.file(id);
        try {
            byte[] ours = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            if (MirrorUploader.extendsCopy(theirs, ours)) {
                local.importCopy(id, theirs);
            } else if (MirrorUploader.extendsCopy(ours, theirs)) {
                uploader.schedule(id, file);
            } else if (FileJournalStore.isFinished(theirs) && !FileJournalStore.isFinished(ours)) {
                // Typical after a crash: our last entries never reached the mirror, and someone finished
                // the rollback from the mirrored copy. Theirs is the record; ours is kept for comparison.
                Path kept = local.setAside(id, "diverged");
                local.importCopy(id, theirs);
                warnings.accept("rollback " + id + " was finished on another machine from the mirrored journal,"
                        + " which lacked entries of yours; the mirror's copy is now the journal, yours is kept at " + kept);
            } else {
                warnings.accept("journal " + id + " differs between " + file + " and " + mirror.describe()
                        + "; keeping both as they are: compare them before resuming it");
            }
        } catch (IOException | UncheckedIOException e) {
            warnings.accept("cannot store journal " + id + " fetched from " + mirror.describe() + " in " + file
                    + ": " + e.getMessage());
        }
    }

    private long localSize(String id) {
        try {
            Path file = local.file(id);
            return Files.exists(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** A local journal whose every append is followed by an upload. */
    private final class Mirrored implements Journal {
        private final Journal journal;

        Mirrored(Journal journal) {
            this.journal = journal;
        }

        @Override
        public String id() {
            return journal.id();
        }

        @Override
        public Plan plan() {
            return journal.plan();
        }

        @Override
        public void append(JournalEntry entry) {
            journal.append(entry);
            uploader.schedule(id(), local.file(id()));
            if (entry.type() == JournalEntry.Type.END) {
                uploader.awaitIdle(FINAL_UPLOAD_WAIT);
            }
        }

        @Override
        public List<JournalEntry> entries() {
            return journal.entries();
        }

        @Override
        public String location() {
            return journal.location(); // a path: scripts read it from -o json
        }
    }
}
