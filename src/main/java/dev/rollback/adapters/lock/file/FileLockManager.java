package dev.rollback.adapters.lock.file;

import dev.rollback.core.lock.HeldLock;
import dev.rollback.core.lock.LockHeldException;
import dev.rollback.core.lock.LockManager;
import dev.rollback.core.lock.LockOwner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The lock for services without a cluster: an OS file lock in the state directory. It protects
 * against a second rollback from the same machine only, and the OS releases it when the process
 * dies, so it never needs to expire or be stolen.
 */
public final class FileLockManager implements LockManager {

    private final Path dir;
    private final Clock clock;

    public FileLockManager(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    @Override
    public HeldLock acquire(String service, LockOwner owner, Duration ttl, boolean stealExpired) {
        Path file = dir.resolve(service + ".lock");
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                String[] parts = holder.split(" ", 2);
                Instant since = parts.length == 2 ? Instant.parse(parts[1]) : Instant.EPOCH;
                throw new LockHeldException(service, parts[0], since);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((owner.holder() + " " + clock.instant()).getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new HeldLock() {
                @Override
                public boolean stillHeld() {
                    return lock.isValid();
                }

                @Override
                public void close() {
                    try (channel) {
                        channel.truncate(0);
                        lock.release();
                    } catch (IOException e) {
                        // the OS drops the lock with the channel anyway
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the lock file " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this same JVM (tests run several CLIs in one process)
        }
    }
}
