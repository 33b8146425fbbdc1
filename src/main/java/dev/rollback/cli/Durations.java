package dev.rollback.cli;

import dev.rollback.config.DurationText;

import java.time.Duration;
import java.util.Optional;

/** Durations on the command line, read as rollback.yaml reads them (90s, 5m, 1h, 500ms). */
final class Durations {

    private Durations() {
    }

    static Duration parse(String option, String text) {
        Optional<Duration> d;
        try {
            d = DurationText.parse(text);
        } catch (ArithmeticException tooLong) {
            d = Optional.empty();
        }
        if (d.isEmpty() || d.get().isZero()) {
            throw new CliException(ExitCode.USAGE, option + " expects a duration like 90s, 5m or 1h; got '" + text + "'");
        }
        return d.get();
    }
}
