package dev.rollback.cli;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Rollback ids people can read and type: {@code rb-20261123-021433-recsys-7f3a}. */
final class RollbackIds {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private RollbackIds() {
    }

    static String next(String service, Instant now) {
        return "rb-" + STAMP.format(now) + "-" + service + "-" + String.format("%04x", RANDOM.nextInt(0x10000));
    }
}
