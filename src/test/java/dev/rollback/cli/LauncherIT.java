package dev.rollback.cli;

import dev.rollback.testsupport.mlflow.MlflowSeeder;
import dev.rollback.testsupport.mlflow.MlflowServer;
import dev.rollback.testsupport.mlflow.RecsysScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Black-box runs of the real launcher {@code bin/rollback} on the packaged jar, from another
 * working directory and through a symlink, as a user on PATH would run it.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("bin/rollback").toAbsolutePath();

    @TempDir
    Path elsewhere;

    record Run(int exitCode, String out, String err) {
    }

    private Run run(Path launcher, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(elsewhere.toFile());
        pb.environment().put("ROLLBACK_JAR", System.getProperty("rollback.jar", "target/rollback.jar"));
        pb.environment().put("HOME", elsewhere.toString());
        pb.environment().remove("XDG_CONFIG_HOME");
        pb.environment().remove("ROLLBACK_CONFIG");
        pb.environment().putAll(env);
        Path out = elsewhere.resolve("out.txt");
        Path err = elsewhere.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void versionFromAnotherDirectoryAndThroughASymlink() throws Exception {
        Path link = Files.createSymbolicLink(elsewhere.resolve("rollback"), LAUNCHER);

        Run direct = run(LAUNCHER, Map.of(), "--version");
        Run linked = run(link, Map.of(), "--version");

        assertThat(direct.exitCode()).as(direct.toString()).isZero();
        assertThat(direct.out()).matches("rollback \\d+\\.\\d+\\.\\d+.* \\(Java \\d+\\)\\n");
        assertThat(direct.err()).as("no SLF4J or JVM noise on stderr").isEmpty();
        assertThat(linked).isEqualTo(direct);
    }

    @Test
    void statusAgainstARealRegistryWithConfigFromTheEnvironmentAndPipedOutput() throws Exception {
        MlflowServer server = MlflowServer.shared();
        String model = server.freshModelName("homepage-recsys");
        RecsysScenario.seed(new MlflowSeeder(server.uri()), model);
        Path config = elsewhere.resolve("team.yaml");
        Files.writeString(config, """
                registries:
                  default:
                    trackingUri: %s
                services:
                  recsys:
                    model:
                      name: %s
                    live:
                      stage: Production
                """.formatted(server.uri(), model));

        Run status = run(LAUNCHER, Map.of("ROLLBACK_CONFIG", config.toString()), "status");

        assertThat(status.exitCode()).as(status.toString()).isEqualTo(10);
        assertThat(status.out()).contains("recsys", "v7", "alias champion + stage Production",
                "versions 4, 6 and 7 are all in stage 'Production'").doesNotContain("\u001B[");
        assertThat(status.err()).isEmpty();
    }

    @Test
    void missingJarTellsHowToBuild() throws Exception {
        Run run = run(LAUNCHER, Map.of("ROLLBACK_JAR", elsewhere.resolve("nope.jar").toString()), "--version");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("nope.jar is missing", "mvn -q -DskipTests package");
    }

    /**
     * Each start-up cache the build made must really map into the JVM it names: forced on (-Xshare:on,
     * -XX:AOTMode=on), a stale or mismatched cache makes the JVM fail instead of silently running without it.
     */
    @Test
    void theStartupCachesLoadInTheJvmTheyWereBuiltFor() throws Exception {
        Path jarDir = Path.of(System.getProperty("rollback.jar", "target/rollback.jar")).toAbsolutePath().getParent();
        int checked = 0;
        for (String[] cache : new String[][] {{"rollback.jsa", "-Xshare:on"}, {"rollback.aot", "-XX:AOTMode=on"}}) {
            Path java = jarDir.resolve(cache[0] + ".java");
            if (!Files.exists(jarDir.resolve(cache[0]))) {
                continue; // e.g. no JDK 25 on this machine: the build skips that cache
            }
            Run run = run(LAUNCHER, Map.of("ROLLBACK_JAVA", Files.readString(java).trim(), "ROLLBACK_JAVA_OPTS", cache[1]),
                    "--version");
            assertThat(run.exitCode()).as(cache[0] + ": " + run).isZero();
            assertThat(run.err()).as(cache[0]).isEmpty();
            checked++;
        }
        assertThat(checked).as("the build makes at least the AppCDS archive").isPositive();
    }
}
