package dev.rollback.adapters.features.git;

import dev.rollback.core.features.FeatureRepoException;
import dev.rollback.core.features.FeatureRepoException.Kind;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** git or dvc, bound to one working copy: every call runs there with the same environment and a deadline. */
final class RepoTool {

    /** Reads and local writes. */
    static final Duration LOCAL = Duration.ofSeconds(30);
    /** Network (clone, push, dvc pull) and DVC calls that hash or copy data files, which can be large. */
    static final Duration SLOW = Duration.ofMinutes(2);

    private final String name;
    private final String binary;
    private final List<String> leadingArgs;
    private final Path workDir;
    private final Map<String, String> env;

    RepoTool(String name, String binary, List<String> leadingArgs, Path workDir, Map<String, String> env) {
        this.name = name;
        this.binary = binary;
        this.leadingArgs = List.copyOf(leadingArgs);
        this.workDir = workDir;
        this.env = Map.copyOf(env);
    }

    /** The same tool run from another directory (git clone runs beside the repository it creates). */
    RepoTool in(Path otherDir) {
        return new RepoTool(name, binary, leadingArgs, otherDir, env);
    }

    Path workDir() {
        return workDir;
    }

    Call call(String... args) {
        return new Call(List.of(args));
    }

    Call call(List<String> args) {
        return new Call(args);
    }

    /** One invocation; {@code run} throws on a non-zero exit, {@code tryRun} leaves the exit code to the caller. */
    final class Call {
        private final List<String> args;
        private final Map<String, String> extraEnv = new HashMap<>();
        private Duration timeout = LOCAL;
        private byte[] input;

        private Call(List<String> args) {
            this.args = List.copyOf(args);
        }

        Call env(Map<String, String> more) {
            extraEnv.putAll(more);
            return this;
        }

        Call timeout(Duration value) {
            timeout = value;
            return this;
        }

        Call input(byte[] bytes) {
            input = bytes;
            return this;
        }

        ProcessRunner.Result tryRun() {
            List<String> command = new ArrayList<>();
            command.add(binary);
            command.addAll(leadingArgs);
            command.addAll(args);
            Map<String, String> all = new HashMap<>(env);
            all.putAll(extraEnv);
            return ProcessRunner.run(command, workDir, all, timeout, input, words());
        }

        /** stdout as text. */
        String run() {
            return runBytes().out();
        }

        ProcessRunner.Result runBytes() {
            ProcessRunner.Result r = tryRun();
            if (!r.ok()) {
                throw failure(r);
            }
            return r;
        }

        FeatureRepoException failure(ProcessRunner.Result r) {
            return new FeatureRepoException(Kind.FAILED, words() + " failed in " + workDir + ": "
                    + ErrorLines.reason(r.stderr(), r.exitCode()));
        }

        /** "git read-tree": the tool and its subcommand, never the arguments (URLs, messages, paths). */
        String words() {
            return args.isEmpty() ? name : name + " " + args.get(0);
        }
    }
}
