package dev.rollback.testsupport.prometheus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenMetrics text for {@code promtool tsdb create-blocks-from openmetrics}: one {@code # TYPE name gauge} per
 * metric family with all its series' lines right after it (promtool needs a family's lines together), samples as
 * {@code name{labels} value unix_seconds}, and the closing {@code # EOF} promtool insists on. The line format is
 * shared with {@link ScrapeTarget}'s exposition text.
 */
public final class OpenMetricsWriter {

    private OpenMetricsWriter() {
    }

    public static String write(List<Series> series) {
        Map<String, List<Series>> families = new LinkedHashMap<>();
        for (Series s : series) {
            families.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(s);
        }
        StringBuilder out = new StringBuilder();
        families.forEach((name, members) -> {
            out.append("# TYPE ").append(name).append(" gauge\n");
            for (Series s : members) {
                s.samples().forEach((at, value) -> out.append(sampleLine(s.name(), s.labels(), value)).append(' ')
                        .append(seconds(at)).append('\n'));
            }
        });
        return out.append("# EOF\n").toString();
    }

    /** {@code name{a="b"} value}, without a timestamp. */
    static String sampleLine(String name, Map<String, String> labels, double value) {
        return seriesText(name, labels) + " " + number(value);
    }

    /** {@code name{a="b",c="d"}}, or just the name without labels. */
    static String seriesText(String name, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return name;
        }
        StringBuilder out = new StringBuilder(name).append('{');
        labels.forEach((k, v) -> out.append(k).append("=\"").append(escape(v)).append("\","));
        out.setLength(out.length() - 1);
        return out.append('}').toString();
    }

    /** Both formats spell the non-finite values the same way. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return BigDecimal.valueOf(value).toPlainString();
    }

    /** Unix seconds with milliseconds, the resolution Prometheus stores. */
    static String seconds(Instant at) {
        return BigDecimal.valueOf(at.toEpochMilli(), 3).toPlainString();
    }

    private static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
