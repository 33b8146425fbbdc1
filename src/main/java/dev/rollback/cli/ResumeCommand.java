package dev.rollback.cli;

import picocli.CommandLine.Command;

@Command(name = "resume", header = "Finish a rollback that was interrupted (crash, killed terminal), from its journal.",
        description = "Takes the service's lock (an expired one is taken over), then works from the journal. "
                + "'rollback status' lists unfinished rollbacks.")
public final class ResumeCommand extends JournalRecoveryCommand {

    @Override
    boolean undo() {
        return false;
    }
}
