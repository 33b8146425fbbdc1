package dev.rollback.adapters.serving.helm;

import java.time.Duration;

/** Formats a timeout the way Go's time.Duration prints it ("5m0s", "1h0m0s", "45s"), which helm --timeout parses. */
final class GoDuration {

    private GoDuration() {
    }

    static String format(Duration d) {
        // whole seconds, rounded up, at least 1s: a 0 timeout would make helm not wait at all
        long total = Math.max(1, d.getSeconds() + (d.getNano() > 0 ? 1 : 0));
        long h = total / 3600;
        long m = (total % 3600) / 60;
        long s = total % 60;
        if (h > 0) {
            return h + "h" + m + "m" + s + "s";
        }
        return m > 0 ? m + "m" + s + "s" : s + "s";
    }
}
