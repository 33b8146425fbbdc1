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
        System.exit(code);
    }
}
