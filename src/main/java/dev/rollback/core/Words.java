package dev.rollback.core;

import java.time.Duration;
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

    /** "2m", "1m30s", "45s", "500ms", "2h5m". */
    public static String duration(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        long h = d.toHours();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        return (h > 0 ? h + "h" : "") + (m > 0 ? m + "m" : "") + (s > 0 || (h == 0 && m == 0) ? s + "s" : "");
    }
}
