package dev.rollback.adapters.journal;

import java.util.Map;

/**
 * A shared copy of the journals (an S3 prefix), so the whole team sees every rollback and can resume
 * one from another machine. Journals are append-only JSON lines: a longer copy is a newer copy.
 * Every method may throw a RuntimeException whose message says what is wrong (it becomes a warning).
 */
public interface JournalMirror {

    /** Where, for messages: "s3://ml-ops/rollback/journals". */
    String describe();

    /** Journal id → size in bytes of the mirrored copy. */
    Map<String, Long> sizes();

    byte[] get(String id);

    void put(String id, byte[] content);
}
