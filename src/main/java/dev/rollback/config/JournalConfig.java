package dev.rollback.config;

import java.net.URI;

/**
 * Where journals go besides the local state directory. {@code mirror} is an {@code s3://bucket/prefix}
 * (null: local only), so the whole team sees each rollback and can resume it from another machine.
 */
public record JournalConfig(URI mirror) {

    public static JournalConfig localOnly() {
        return new JournalConfig(null);
    }
}
