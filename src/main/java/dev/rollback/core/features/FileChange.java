package dev.rollback.core.features;

/** @param status as git names it: A added, M modified, D deleted, R renamed, T type changed */
public record FileChange(String status, String path) {
}
