package dev.rollback.testsupport.prometheus;

import dev.rollback.testsupport.ChildProcesses;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Backfill: {@code promtool tsdb create-blocks-from openmetrics FILE DATA_DIR} writes TSDB blocks (cut at 2-hour
 * boundaries) that Prometheus serves as soon as it starts on that directory. promtool 2.42 takes samples in the
 * future and beyond retention alike, and silently drops a series' out-of-order samples, hence {@link Series}
 * keeps them sorted; it fails without the closing {@code # EOF}.
 */
final class Promtool {

    static final Duration BACKFILL_TIMEOUT = Duration.ofSeconds(60);

    private Promtool() {
    }

    /** Writes {@code dir/backfill.om} and turns it into blocks under {@code data}; promtool's output on failure. */
    static void createBlocks(List<Series> series, Path dir, Path data) throws IOException {
        Path input = dir.resolve("backfill.om");
        Files.writeString(input, OpenMetricsWriter.write(series), StandardCharsets.UTF_8);
        Path output = dir.resolve("promtool.log");
        Process promtool = new ProcessBuilder(PrometheusBinaries.promtool().toString(), "tsdb", "create-blocks-from",
                "openmetrics", input.toString(), data.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!promtool.waitFor(BACKFILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                promtool.destroyForcibly();
                throw new IllegalStateException("promtool did not finish backfilling " + input + " within "
                        + BACKFILL_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            promtool.destroyForcibly();
            throw new IllegalStateException("interrupted while promtool backfilled " + input);
        }
        if (promtool.exitValue() != 0) {
            throw new IllegalStateException("promtool tsdb create-blocks-from openmetrics " + input + " exited with "
                    + promtool.exitValue() + ":\n" + ChildProcesses.logTail(output));
        }
    }
}
