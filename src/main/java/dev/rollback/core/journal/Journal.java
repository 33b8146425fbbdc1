package dev.rollback.core.journal;

import dev.rollback.core.plan.Plan;

import java.util.List;

/** The durable record of one rollback. */
public interface Journal {

    String id();

    Plan plan();

    /** Appends and makes it durable before returning (write-ahead). */
    void append(JournalEntry entry);

    List<JournalEntry> entries();

    /** Where it is stored, for messages ("~/.local/state/rollback/journal/rb-....jsonl"). */
    String location();
}
