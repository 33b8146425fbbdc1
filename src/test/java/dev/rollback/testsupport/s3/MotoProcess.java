package dev.rollback.testsupport.s3;

import dev.rollback.testsupport.ChildProcesses;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A {@code moto_server} child process on a free 127.0.0.1 port; knows how to wait for it and kill it. */
final class MotoProcess {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    final URI endpoint;
    final Path log;
    private final Process process;

    private MotoProcess(URI endpoint, Path log, Process process) {
        this.endpoint = endpoint;
        this.log = log;
        this.process = process;
    }

    static MotoProcess start(Path venv) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // the free port may be taken before moto binds it
            try {
                int port = ChildProcesses.freePort();
                Path log = Files.createTempFile("rollback-moto-", ".log");
                ProcessBuilder pb = new ProcessBuilder(venv.resolve("bin/moto_server").toString(),
                        "-H", "127.0.0.1", "-p", String.valueOf(port))
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                pb.environment().put("PYTHONUNBUFFERED", "1");
                MotoProcess moto = new MotoProcess(URI.create("http://127.0.0.1:" + port), log, pb.start());
                Runtime.getRuntime().addShutdownHook(new Thread(moto::stop, "moto-server-stop"));
                moto.awaitReady();
                return moto;
            } catch (IOException e) {
                throw new IllegalStateException("cannot start moto_server: " + e, e);
            } catch (IllegalStateException e) {
                last = e;
                if (!e.getMessage().contains("in use")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    /** Ready = it answers HTTP at all (any status); moto has no health endpoint worth more than that. */
    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue()
                        + " before it was ready; log " + log + ":\n" + logTail());
            }
            try {
                http.send(ping, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                ChildProcesses.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop();
        throw new IllegalStateException("moto_server at " + endpoint + " not ready within "
                + START_TIMEOUT.toSeconds() + " s; log " + log + ":\n" + logTail());
    }

    String logTail() {
        return ChildProcesses.logTail(log);
    }

    /** Kills the whole tree (moto may fork a reloader child). */
    void stop() {
        ChildProcesses.killTree(process, Duration.ofSeconds(5));
        if (!Boolean.getBoolean("rollback.s3.keep")) { // -Drollback.s3.keep=true keeps the log for a post-mortem
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

}
