package dev.rollback.core.features;

import java.util.List;
import java.util.Optional;

/**
 * @param branch empty when HEAD is detached
 * @param head   HEAD's full commit id
 * @param dirty  uncommitted changes, one per line as people read them: "modified: pipeline/encode.py",
 *               "DVC output modified: data/encoder.pkl"
 */
public record WorkingTree(Optional<String> branch, String head, List<String> dirty) {

    public WorkingTree {
        dirty = List.copyOf(dirty);
    }

    public boolean clean() {
        return dirty.isEmpty();
    }
}
