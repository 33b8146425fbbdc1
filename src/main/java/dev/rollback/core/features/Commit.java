package dev.rollback.core.features;

import java.time.Instant;
import java.util.Optional;

/**
 * @param rollbackId the {@code Rollback-Id:} trailer when this commit was made by a feature rollback
 */
public record Commit(String id, String subject, String author, Instant time, Optional<String> rollbackId) {

    public String shortId() {
        return id.length() > 9 ? id.substring(0, 9) : id;
    }
}
