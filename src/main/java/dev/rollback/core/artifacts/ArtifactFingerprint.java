package dev.rollback.core.artifacts;

/**
 * What identifies an artifact's exact content.
 *
 * @param digest  for one object: its ETag; for a prefix: SHA-256 over every (key, ETag, size) below it
 * @param objects how many objects it covers
 * @param bytes   their total size
 */
public record ArtifactFingerprint(String uri, String digest, int objects, long bytes) {
}
