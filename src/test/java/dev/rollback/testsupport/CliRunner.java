package dev.rollback.testsupport;

import dev.rollback.cli.CliContext;
import dev.rollback.cli.CommandLineFactory;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the real command line in-process, exactly as {@code main} builds it, with a controlled
 * environment, working directory and captured stdout/stderr.
 */
public final class CliRunner {

    private final Map<String, String> env = new HashMap<>();
    private Path cwd;
    private boolean interactive;
    private String stdin = "";

    public CliRunner(Path cwd) {
        this.cwd = cwd;
        // The tests must never pick up the developer's own config or credentials.
        env.put("HOME", cwd.toString());
        env.put("XDG_CONFIG_HOME", cwd.resolve(".config").toString());
    }

    public CliRunner env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public CliRunner cwd(Path dir) {
        this.cwd = dir;
        return this;
    }

    /** Pretend stdin and stdout are a terminal (colors, prompts). */
    public CliRunner interactive(boolean value) {
        this.interactive = value;
        return this;
    }

    /** What the user types (e.g. "y\n" at a confirmation prompt). */
    public CliRunner stdin(String text) {
        this.stdin = text;
        return this;
    }

    public CliResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(env, cwd, new BufferedReader(new StringReader(stdin)),
                new PrintWriter(out, true), new PrintWriter(err, true), interactive);
        int code = CommandLineFactory.create(context).execute(args);
        return new CliResult(args, code, out.toString(), err.toString());
    }
}
