package dev.rollback.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The CLI as a separate JVM process (same classes as the tests), so a test can kill it with
 * SIGKILL at a chosen moment, as a crash or a closed laptop would.
 */
final class CliProcess implements AutoCloseable {

    private final Process process;
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    CliProcess(Path cwd, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "dev.rollback.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().putAll(env);
        pb.environment().put("HOME", cwd.toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        process = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    stderr.add(line);
                }
            } catch (IOException e) {
                // the process was killed
            }
        }, "cli-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits until stderr has a line containing {@code text}. */
    void awaitStderr(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (stderr.stream().anyMatch(l -> l.contains(text))) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' on stderr; process alive=" + process.isAlive() + ", stderr:\n"
                + String.join("\n", stderr));
    }

    /** SIGKILL: no shutdown hooks, no finally blocks, no lock release. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    List<String> stderr() {
        return List.copyOf(stderr);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
