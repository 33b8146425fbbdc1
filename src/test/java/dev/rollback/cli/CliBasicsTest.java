package dev.rollback.cli;

import dev.rollback.testsupport.CliResult;
import dev.rollback.testsupport.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.rollback.testsupport.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The command line itself: help, version, usage errors, config errors, error lines and exit codes. */
class CliBasicsTest {

    @TempDir
    Path dir;

    private CliRunner cli() {
        return new CliRunner(dir);
    }

    private void writeConfig(String trackingUri) throws IOException {
        Files.writeString(dir.resolve("rollback.yaml"), """
                registries:
                  default:
                    trackingUri: %s
                    timeout: 2s
                services:
                  recsys:
                    model:
                      name: homepage-recsys
                  search:
                    model:
                      name: search-ranker
                """.formatted(trackingUri));
    }

    /** A port nothing listens on: connections are refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void helpListsTheWorkingCommandsAndExitsZero() {
        CliResult result = cli().run("--help");

        assertThat(result).succeeded().outContains("Usage: rollback", "status", "candidates", "--output", "--config")
                .errIsEmpty().hasNoAnsiCodes();
    }

    @Test
    void everyCommandAnswersHelpEvenWithoutItsRequiredArguments() {
        for (String command : new String[] {"status", "candidates", "model", "resume", "abort", "prepare", "history"}) {
            for (String flag : new String[] {"--help", "-h"}) {
                assertThat(cli().run(command, flag)).as(command + " " + flag).succeeded()
                        .outContains("Usage: rollback " + command).errIsEmpty();
            }
        }
    }

    @Test
    void versionPrintsTheVersion() {
        assertThat(cli().run("--version")).succeeded().outContains("rollback ");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(cli().run()).exitedWith(2).errContains("missing command");
    }

    @Test
    void aDurationThatIsZeroMalformedOrTooLongIsAUsageError() {
        for (String text : new String[] {"0s", "5 minutes", "99999999999999999999s"}) {
            assertThat(cli().run("model", "recsys", "--to", "5", "--timeout", text)).as(text).exitedWith(2)
                    .errContains("--timeout expects a duration like 90s, 5m or 1h; got '" + text + "'");
        }
    }

    @Test
    void unknownOptionIsAShortUsageError() {
        CliResult result = cli().run("status", "--frobnicate");

        assertThat(result).exitedWith(2).errContains("Unknown option: '--frobnicate'", "rollback status --help");
    }

    @Test
    void missingConfigSaysWhereItLookedAndChangesNothing() {
        CliResult result = cli().run("status");

        assertThat(result).exitedWith(3).errContains("rollback.yaml");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void invalidConfigReportsEveryProblemWithLineAndColumn() throws IOException {
        Files.writeString(dir.resolve("rollback.yaml"), """
                registries:
                  default:
                    trackingUri: http://127.0.0.1:1
                services:
                  recsys:
                    modle:
                      name: x
                """);

        CliResult result = cli().run("status");

        assertThat(result).exitedWith(3).errContains("rollback.yaml:6:", "services.recsys.modle", "did you mean 'model'",
                "services.recsys.model", "required");
    }

    @Test
    void unknownServiceNamesTheClosestAndTheKnownOnes() throws IOException {
        writeConfig("http://127.0.0.1:1");

        CliResult result = cli().run("status", "recsy");

        assertThat(result).exitedWith(2).errIsOneLine()
                .errContains("unknown service 'recsy'; did you mean 'recsys'? known services: recsys, search");
    }

    @Test
    void unreachableRegistryIsOneLineWithTheUriAndExitCode5() throws IOException {
        int closedPort = closedPort();
        writeConfig("http://127.0.0.1:" + closedPort);

        CliResult result = cli().run("candidates", "recsys");

        assertThat(result).exitedWith(5).errIsOneLine().errContains("127.0.0.1:" + closedPort, "connection refused",
                "is trackingUri in " + dir.resolve("rollback.yaml") + " right?");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void statusReportsAFailedServiceInJsonAndExitsWithItsCode() throws IOException {
        int closedPort = closedPort();
        writeConfig("http://127.0.0.1:" + closedPort);

        CliResult result = cli().run("status", "-o", "json");

        assertThat(result).exitedWith(5).outContains("\"kind\" : \"Status\"", "\"service\" : \"recsys\"",
                "\"service\" : \"search\"", "\"error\" : {");
    }

    @Test
    void configFlagIsResolvedAgainstTheWorkingDirectoryAndMayFollowTheSubcommand() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(sub.resolve("other.yaml"), "services: {}\n");

        CliResult result = cli().run("status", "--config", "conf/other.yaml");

        assertThat(result).exitedWith(3).errContains("other.yaml");
    }
}
