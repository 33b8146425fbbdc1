package dev.rollback.testsupport.prometheus;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The text formats promtool and Prometheus's scraper read; the Prometheus* tests prove they accept it. */
class OpenMetricsWriterTest {

    private static final Instant AT = Instant.parse("2026-11-23T09:00:00Z");

    @Test
    void groupsFamiliesAndEndsWithEof() {
        String text = OpenMetricsWriter.write(List.of(
                Series.gauge("a", "pod", "x").at(AT, 1),
                Series.gauge("b").at(AT, 0.73),
                Series.gauge("a", "pod", "y").at(AT.plusMillis(1500), Double.NaN).at(AT, Double.POSITIVE_INFINITY)));
        assertThat(text).isEqualTo("""
                # TYPE a gauge
                a{pod="x"} 1.0 1795424400.000
                a{pod="y"} +Inf 1795424400.000
                a{pod="y"} NaN 1795424401.500
                # TYPE b gauge
                b 0.73 1795424400.000
                # EOF
                """);
    }

    @Test
    void escapesLabelValues() {
        assertThat(OpenMetricsWriter.sampleLine("m", Map.of("path", "a\"b\\c\nd"), -2))
                .isEqualTo("m{path=\"a\\\"b\\\\c\\nd\"} -2.0");
    }

    @Test
    void aGapRemovesSamples() {
        Series s = Series.gauge("m").every(java.time.Duration.ofMinutes(1), AT, AT.plusSeconds(600), at -> 1)
                .without(AT.plusSeconds(120), AT.plusSeconds(300));
        assertThat(s.samples().keySet()).containsExactly(AT, AT.plusSeconds(60), AT.plusSeconds(300),
                AT.plusSeconds(360), AT.plusSeconds(420), AT.plusSeconds(480), AT.plusSeconds(540));
    }

    @Test
    void theScrapeTargetServesEachFamilyUnderOneTypeLine() {
        try (ScrapeTarget target = ScrapeTarget.start()) {
            target.set("a", Map.of("pod", "y"), 2).set("a_b", 3).set("a", 1).set("a", Map.of("pod", "x"), 0.5);
            assertThat(target.render()).isEqualTo("""
                    # TYPE a gauge
                    a 1.0
                    a{pod="x"} 0.5
                    a{pod="y"} 2.0
                    # TYPE a_b gauge
                    a_b 3.0
                    """);
            target.remove("a");
            assertThat(target.render()).isEqualTo("# TYPE a_b gauge\na_b 3.0\n");
        }
    }
}
