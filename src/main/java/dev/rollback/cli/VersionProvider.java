package dev.rollback.cli;

import dev.rollback.Version;
import picocli.CommandLine.IVersionProvider;

/** picocli's view of {@link Version}. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {Version.line()};
    }
}
