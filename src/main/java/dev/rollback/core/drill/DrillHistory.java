package dev.rollback.core.drill;

import java.util.List;

/** Where drill reports are kept, so {@code drill --history} can show MTTR as a trend. */
public interface DrillHistory {

    /** Saves the report; returns where (for messages). */
    String save(DrillReport report, String markdown);

    /** Every drill of the service, oldest first. */
    List<DrillReport> list(String service);
}
