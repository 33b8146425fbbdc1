package dev.rollback.adapters.features.git;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code git status --porcelain=v2 --branch -z}: one call gives the branch, HEAD and every uncommitted change.
 * Ignored files are not listed, so DVC outputs (which DVC puts in .gitignore) show up only through dvc status.
 */
record GitStatus(Optional<String> branch, Optional<String> head, List<String> changes) {

    static GitStatus parse(byte[] porcelainV2) {
        String[] records = new String(porcelainV2, StandardCharsets.UTF_8).split("\0");
        Optional<String> branch = Optional.empty();
        Optional<String> head = Optional.empty();
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < records.length; i++) {
            String r = records[i];
            if (r.startsWith("# branch.oid ")) {
                String oid = r.substring("# branch.oid ".length());
                head = oid.equals("(initial)") ? Optional.empty() : Optional.of(oid);
            } else if (r.startsWith("# branch.head ")) {
                String name = r.substring("# branch.head ".length());
                branch = name.equals("(detached)") ? Optional.empty() : Optional.of(name);
            } else if (r.startsWith("1 ")) {
                String[] f = r.split(" ", 9);
                changes.add(word(f[1]) + ": " + f[8]);
            } else if (r.startsWith("2 ")) {
                // a rename or copy: with -z the original path is the next record
                String[] f = r.split(" ", 10);
                String from = i + 1 < records.length ? records[++i] : "?";
                changes.add(word(f[1]) + ": " + from + " -> " + f[9]);
            } else if (r.startsWith("u ")) {
                changes.add("unmerged: " + r.split(" ", 11)[10]);
            } else if (r.startsWith("? ")) {
                changes.add("untracked: " + r.substring(2));
            }
        }
        return new GitStatus(branch, head, changes);
    }

    /** XY holds the staged (X) and the unstaged (Y) state; the staged one is named when both are set. */
    private static String word(String xy) {
        char c = xy.charAt(0) != '.' ? xy.charAt(0) : xy.charAt(1);
        return switch (c) {
            case 'M' -> "modified";
            case 'A' -> "added";
            case 'D' -> "deleted";
            case 'R' -> "renamed";
            case 'C' -> "copied";
            case 'T' -> "type changed";
            default -> "changed";
        };
    }
}
