package dev.rollback.core.plan;

import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A journal kept in memory, for executor tests (the file store has its own tests). */
final class InMemoryJournal implements Journal {

    private final Plan plan;
    private final List<JournalEntry> entries = new ArrayList<>();

    InMemoryJournal(Plan plan) {
        this.plan = plan;
        entries.add(JournalEntry.plan(Instant.EPOCH, plan));
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
    public void append(JournalEntry entry) {
        entries.add(entry);
    }

    @Override
    public List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public String location() {
        return "memory";
    }
}
