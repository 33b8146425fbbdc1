package dev.rollback.adapters.features.git;

import dev.rollback.core.features.FeatureRepoException;
import dev.rollback.core.features.FeatureRepoException.Kind;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one git or dvc process to completion with a deadline. stdin gets the given bytes or nothing (closed at once),
 * so a credential or confirmation prompt sees end-of-file instead of hanging the rollback.
 */
final class ProcessRunner {

    record Result(int exitCode, byte[] stdout, String stderr) {

        boolean ok() {
            return exitCode == 0;
        }

        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private ProcessRunner() {
    }

    /**
     * @param what    how a message names the command ("git status"); never its arguments, which may carry URLs
     * @param env     the complete environment of the child (nothing is inherited beyond it)
     * @param input   bytes for stdin, or null
     */
    static Result run(List<String> command, Path workDir, Map<String, String> env, Duration timeout, byte[] input,
            String what) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new FeatureRepoException(Kind.TOOL_MISSING, "could not start " + command.get(0) + " for " + what
                    + ": " + e.getMessage(), e);
        }
        feed(p.getOutputStream(), input);
        // Both pipes drain concurrently: a child blocked on a full stderr pipe never finishes its stdout.
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new FeatureRepoException(Kind.FAILED, what + " did not finish within " + timeout.toSeconds()
                        + " s in " + workDir + " and was stopped; check the repository and its remotes, then retry");
            }
            return new Result(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FeatureRepoException(Kind.FAILED, what + " was interrupted in " + workDir, e);
        }
    }

    private static void feed(OutputStream stdin, byte[] input) {
        if (input == null || input.length == 0) {
            close(stdin);
            return;
        }
        // Written from a thread of its own: a child that answers while it reads could otherwise deadlock with us.
        Thread t = new Thread(() -> {
            try (stdin) {
                stdin.write(input);
            } catch (IOException ignored) {
                // the child exited early; its exit code and stderr tell why
            }
        }, "feature-repo-stdin");
        t.setDaemon(true);
        t.start();
    }

    private static void close(OutputStream stdin) {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // nothing to close
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                bytes.complete(in.readAllBytes());
            } catch (IOException e) {
                bytes.complete(new byte[0]);
            }
        }, "feature-repo-output");
        t.setDaemon(true);
        t.start();
        return bytes;
    }
}
