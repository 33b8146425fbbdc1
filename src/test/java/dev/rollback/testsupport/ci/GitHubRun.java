package dev.rollback.testsupport.ci;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One workflow run the GitHub stand-in holds: who made it, when, and its scripted status sequence. */
public final class GitHubRun {
    public final long id;
    public final Instant createdAt;
    public final String branch;
    public final String title;
    public final Map<String, String> inputs;
    final List<String> statuses;
    int hiddenForLists;
    int reads;
    boolean cancelled;

    GitHubRun(long id, Instant createdAt, String branch, String title, Map<String, String> inputs, List<String> statuses,
            int hiddenForLists) {
        this.id = id;
        this.createdAt = createdAt;
        this.branch = branch;
        this.title = title;
        this.inputs = Map.copyOf(inputs);
        this.statuses = List.copyOf(statuses);
        this.hiddenForLists = hiddenForLists;
    }

    String current() {
        return cancelled ? "completed/cancelled" : statuses.get(Math.min(reads, statuses.size() - 1));
    }
}
