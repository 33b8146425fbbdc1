package dev.rollback.core;

import java.util.List;

/** Small helpers for sentences shown to people. */
public final class Words {

    private Words() {
    }

    /** "4", "4 and 6", "4, 6 and 7". */
    public static String joinAnd(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
