package dev.rollback;

/** The version line, from the jar manifest so it cannot drift from the pom. No picocli: Main answers --version with it. */
public final class Version {

    private Version() {
    }

    public static String line() {
        String version = Version.class.getPackage().getImplementationVersion();
        return "rollback " + (version == null ? "dev" : version) + " (Java " + Runtime.version().feature() + ")";
    }
}
