package dev.rollback.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, so it cannot drift from the pom. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = RootCommand.class.getPackage().getImplementationVersion();
        return new String[] {"rollback " + (version == null ? "dev" : version)
                + " (Java " + Runtime.version().feature() + ")"};
    }
}
