package dev.rollback.cli;

import org.junit.jupiter.api.Test;
import picocli.AutoComplete;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code completions/rollback.bash} is generated from the picocli command model (picocli's AutoComplete;
 * zsh loads it through bashcompinit). This fails when a command or option changed and the committed
 * script was not regenerated. Regenerate with:
 * {@code mvn -q test -Dtest=CompletionsAreUpToDateTest -Drollback.updateCompletions=true}
 */
class CompletionsAreUpToDateTest {

    static final Path SCRIPT = Path.of("completions/rollback.bash");

    @Test
    void theCommittedBashCompletionMatchesTheCommandModel() throws Exception {
        CliContext context = new CliContext(Map.of(), Path.of("."), new BufferedReader(new StringReader("")),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false);
        CommandLine commandLine = CommandLineFactory.create(context);
        inNameOrder(commandLine);
        String generated = AutoComplete.bash("rollback", commandLine);

        if (Boolean.getBoolean("rollback.updateCompletions")) {
            Files.writeString(SCRIPT, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(SCRIPT, StandardCharsets.UTF_8))
                .as("completions/rollback.bash is out of date; regenerate it: mvn -q test "
                        + "-Dtest=CompletionsAreUpToDateTest -Drollback.updateCompletions=true")
                .isEqualTo(generated);
        for (String command : commandLine.getSubcommands().keySet()) {
            assertThat(generated).contains(command);
        }
    }

    /** The script in a real bash, driven the way bash drives a completion function. */
    @Test
    void bashCompletesCommandsAndOptions() throws Exception {
        assertThat(complete("rollback mo")).isEqualTo("model");
        assertThat(complete("rollback model --t").split(" ")).containsExactlyInAnyOrder("--to", "--timeout");
        assertThat(complete("rollback infra --to").split(" ")).containsExactlyInAnyOrder("--to", "--to-revision");
        assertThat(complete("rollback st")).isEqualTo("status");
    }

    /**
     * Options declared on setter methods (GlobalOptions) come in the order reflection lists methods, which the
     * JVM does not fix: the same build generated '--config' '-o' in one run and '-o' '--config' in another.
     * Re-adding every command's options in name order makes the generated script the same on every run.
     */
    private static void inNameOrder(CommandLine commandLine) {
        CommandLine.Model.CommandSpec spec = commandLine.getCommandSpec();
        java.util.List<CommandLine.Model.OptionSpec> options = new java.util.ArrayList<>(spec.options());
        options.forEach(spec::remove);
        options.sort(java.util.Comparator.comparing(CommandLine.Model.OptionSpec::longestName));
        options.forEach(spec::addOption);
        commandLine.getSubcommands().values().forEach(CompletionsAreUpToDateTest::inNameOrder);
    }

    private static String complete(String line) throws Exception {
        String script = "source " + SCRIPT.toAbsolutePath() + "; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; "
                + "read -ra COMP_WORDS <<< \"$COMP_LINE\"; COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); "
                + "_complete_rollback rollback \"${COMP_WORDS[-1]}\" \"${COMP_WORDS[-2]}\" 2>/dev/null; "
                + "echo \"${COMPREPLY[*]}\"";
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).isZero();
        return out;
    }
}
