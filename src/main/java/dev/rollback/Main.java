package dev.rollback;

import dev.rollback.cli.CliContext;
import dev.rollback.cli.CommandLineFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Answered before picocli builds its command model (most of a --version run's time).
            System.out.println(Version.line());
            System.exit(0);
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        // System.console() is null unless both stdin and stdout are terminals.
        boolean interactive = System.console() != null;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        CliContext context = new CliContext(System.getenv(), Path.of("").toAbsolutePath(), in, out, err, interactive);
        int code = CommandLineFactory.create(context).execute(args);
        out.flush();
        err.flush();
        // Exit explicitly: lingering HTTP client threads would otherwise hold the JVM open.
        wakeHttpSelectorThreads();
        System.exit(code);
    }

    /**
     * At exit the JVM waits up to ~300 ms for every thread that is inside native code to block
     * (VM_Exit::wait_for_threads_in_native_to_block). Each JDK HttpClient (ours for MLflow, fabric8's for
     * Kubernetes) keeps a selector thread in epoll_wait, so every command that made a request paid those
     * 300 ms after its work was done. Interrupting the selector thread wakes it and it ends its loop; on JDK
     * 17 there is no public API for that (HttpClient.shutdownNow came in 21), hence the thread name.
     */
    private static void wakeHttpSelectorThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 8]; // enumerate, unlike getAllStackTraces, walks no stacks
        for (int i = root.enumerate(threads); i-- > 0; ) {
            String name = threads[i].getName();
            if (name.startsWith("HttpClient-") && name.endsWith("-SelectorManager")) {
                threads[i].interrupt();
            }
        }
    }
}
