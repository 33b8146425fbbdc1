package dev.rollback.cli;

import picocli.CommandLine.Command;

@Command(name = "abort", header = "Undo every applied step of an interrupted rollback, from its journal.",
        description = "Takes the service's lock (an expired one is taken over), then works from the journal. "
                + "'rollback status' lists unfinished rollbacks.")
public final class AbortCommand extends JournalRecoveryCommand {

    @Override
    boolean undo() {
        return true;
    }
}
