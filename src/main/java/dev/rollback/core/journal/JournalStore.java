package dev.rollback.core.journal;

import dev.rollback.core.plan.Plan;

import java.util.List;
import java.util.Optional;

/** Where journals live (a local state directory; optionally mirrored for the team). */
public interface JournalStore {

    /** Creates the journal and writes its PLAN entry. */
    Journal create(Plan plan);

    Optional<Journal> open(String id);

    /** Every journal, newest first. */
    List<Journal> list();
}
