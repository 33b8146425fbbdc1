package dev.rollback.cli.render;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Report times in UTC: HH:MM:SS, with the date in front only when it is not the report's own date. */
record ReportTimes(LocalDate day) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    static ReportTimes of(Instant reportStart) {
        return new ReportTimes(reportStart.atZone(ZoneOffset.UTC).toLocalDate());
    }

    String time(Instant at) {
        if (at == null) {
            return "–";
        }
        return at.atZone(ZoneOffset.UTC).toLocalDate().equals(day) ? TIME.format(at) : DATE_TIME.format(at);
    }

    static String dateTime(Instant at) {
        return DATE_TIME.format(at);
    }
}
