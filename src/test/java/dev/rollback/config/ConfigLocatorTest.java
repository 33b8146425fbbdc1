package dev.rollback.config;

import static dev.rollback.config.ConfigFixtures.MINIMAL;
import static dev.rollback.config.ConfigFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLocatorTest {
    @TempDir
    Path root;

    Path cwd;
    Path home;
    Path xdg;
    Path flagFile;
    Path envFile;
    Path cwdFile;
    Path xdgFile;
    Path homeFile;

    @BeforeEach
    void allCandidatesExist() {
        cwd = root.resolve("work");
        home = root.resolve("home");
        xdg = root.resolve("xdg");
        flagFile = write(root, "flag/custom.yaml", MINIMAL);
        envFile = write(root, "env/from-env.yaml", MINIMAL);
        cwdFile = write(cwd, "rollback.yaml", MINIMAL);
        xdgFile = write(xdg, "rollback/config.yaml", MINIMAL);
        homeFile = write(home, ".config/rollback/config.yaml", MINIMAL);
    }

    private Map<String, String> env() {
        return Map.of("ROLLBACK_CONFIG", envFile.toString(), "XDG_CONFIG_HOME", xdg.toString(), "HOME", home.toString());
    }

    @Test
    void lookupOrder() throws Exception {
        assertThat(ConfigLocator.locate(flagFile, env(), cwd)).isEqualTo(flagFile);
        assertThat(ConfigLocator.locate(null, env(), cwd)).isEqualTo(envFile);
        assertThat(ConfigLocator.locate(null, Map.of("ROLLBACK_CONFIG", "", "XDG_CONFIG_HOME", xdg.toString(),
                "HOME", home.toString()), cwd)).as("empty ROLLBACK_CONFIG counts as unset").isEqualTo(cwdFile);

        Files.delete(cwdFile);
        assertThat(ConfigLocator.locate(null, Map.of("XDG_CONFIG_HOME", xdg.toString(), "HOME", home.toString()), cwd))
                .isEqualTo(xdgFile);
        assertThat(ConfigLocator.locate(null, Map.of("HOME", home.toString()), cwd)).isEqualTo(homeFile);
        assertThat(ConfigLocator.locate(null, Map.of("XDG_CONFIG_HOME", "relative/ignored", "HOME", home.toString()), cwd))
                .as("a relative XDG_CONFIG_HOME is ignored, per the XDG spec").isEqualTo(homeFile);
    }

    @Test
    void relativeFlagAndEnvValuesAreResolvedAgainstCwd() {
        Path local = write(cwd, "conf/local.yaml", MINIMAL);

        assertThat(ConfigLocator.locate(Path.of("conf/local.yaml"), Map.of(), cwd)).isEqualTo(local);
        assertThat(ConfigLocator.locate(null, Map.of("ROLLBACK_CONFIG", "conf/local.yaml"), cwd)).isEqualTo(local);
    }

    @Test
    void missingFlagFileIsAnErrorEvenWhenOthersExist() {
        Path missing = root.resolve("nope.yaml");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLocator.locate(missing, env(), cwd));

        assertThat(e.problems()).containsExactly(
                new ConfigProblem(missing, 0, 0, "", "config file not found (given by --config)"));
        assertThat(e.getMessage()).isEqualTo(missing + ": config file not found (given by --config)");
    }

    @Test
    void missingEnvFileIsAnErrorEvenWhenOthersExist() {
        Path missing = root.resolve("gone.yaml");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLocator.locate(null, Map.of("ROLLBACK_CONFIG", missing.toString()), cwd));

        assertThat(e.getMessage()).isEqualTo(missing + ": config file not found (given by $ROLLBACK_CONFIG)");
    }

    @Test
    void aDirectoryIsNotAConfigFile() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLocator.locate(root, env(), cwd));

        assertThat(e.getMessage()).isEqualTo(root + ": is a directory, not a config file (given by --config)");
    }

    @Test
    void nothingFoundListsThePlacesLookedAndPointsAtTheExample() {
        Path empty = root.resolve("empty");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLocator.locate(null, Map.of("HOME", empty.toString()), empty));

        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage()).isEqualTo("no configuration found (looked at --config, $ROLLBACK_CONFIG, "
                + empty.resolve("rollback.yaml") + ", " + empty.resolve(".config/rollback/config.yaml")
                + "); copy rollback.example.yaml (shipped in the rollback jar, and in the repo at "
                + "src/main/resources/rollback.example.yaml) to one of those files, or pass --config FILE");
    }

    @Test
    void withoutHomeOnlyTheWorkingDirectoryIsSearched() {
        Path empty = root.resolve("empty");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLocator.locate(null, Map.of(), empty));

        assertThat(e.getMessage()).startsWith("no configuration found (looked at --config, $ROLLBACK_CONFIG, "
                + empty.resolve("rollback.yaml") + "); copy");
    }
}
