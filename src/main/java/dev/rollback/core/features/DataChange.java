package dev.rollback.core.features;

/**
 * One DVC output whose recorded hash differs between two commits.
 *
 * @param before the hash (md5, or md5 ending in .dir for a directory) before; null when the output is new
 * @param after  the hash after; null when the output goes away
 */
public record DataChange(String path, String before, String after) {
}
