package dev.rollback.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a report file all at once: a reader (or a crash) never sees half a report, and an existing file is
 * replaced only when asked, since it may hold the sections people already filled in.
 */
final class ReportFile {

    private ReportFile() {
    }

    /** Returns the absolute path written. */
    static Path write(Path target, String text, boolean replace) {
        Path file = target.toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw new CliException(ExitCode.USAGE, file + " is a directory; name a file for --output-file");
        }
        if (Files.exists(file) && !replace) {
            throw refuseOverwrite(file);
        }
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            throw new CliException(ExitCode.USAGE, "cannot write " + file + ": directory " + dir + " does not exist");
        }
        // Not createTempFile: its 0600 would carry over to a report meant to be shared.
        Path part = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime()
                + ".part");
        try {
            Files.writeString(part, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            if (replace) {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(part, file); // fails if the file appeared meanwhile: still never overwritten
            }
            return file;
        } catch (FileAlreadyExistsException e) {
            throw refuseOverwrite(file);
        } catch (AccessDeniedException e) {
            throw new CliException(ExitCode.AUTH, "cannot write " + file + ": permission denied on " + e.getFile());
        } catch (IOException e) {
            throw new CliException(ExitCode.UNAVAILABLE, "cannot write " + file + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // best effort: a leftover .part file is hidden and harmless
            }
        }
    }

    private static CliException refuseOverwrite(Path file) {
        return new CliException(ExitCode.REFUSED, file + " already exists; pass --force to replace it, or choose "
                + "another --output-file");
    }
}
