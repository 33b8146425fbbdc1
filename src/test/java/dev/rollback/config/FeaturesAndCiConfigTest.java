package dev.rollback.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import static dev.rollback.config.ConfigFixtures.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

/** services.NAME.features and services.NAME.ci: what each needs, and one clear problem per mistake. */
class FeaturesAndCiConfigTest {

    @TempDir
    Path dir;

    private List<String> problems(String section, String body) {
        return ConfigFixtures.problems(dir, MINIMAL + "    " + section + ":\n" + body.indent(6));
    }

    private ServiceConfig service(String section, String body) {
        return ConfigFixtures.load(dir, MINIMAL + "    " + section + ":\n" + body.indent(6)).services().get("recsys");
    }

    @Test
    void featuresLoadWithDefaultsForTheTools() {
        FeaturesConfig features = service("features", "{repo: /srv/features, paths: [pipeline/, dvc.lock]}")
                .featuresConfig();

        assertThat(features.repo()).isEqualTo(Path.of("/srv/features"));
        assertThat(features.paths()).containsExactly("pipeline/", "dvc.lock");
        assertThat(features.gitRemote()).isEqualTo("origin");
        assertThat(features.gitBinary()).isEqualTo("git");
        assertThat(features.dvcBinary()).isEqualTo("dvc");
        assertThat(features.dvcRemote()).isNull();
    }

    @Test
    void featuresNeedARepositoryAndPathsThatStayInsideIt() {
        assertThat(problems("features", "{paths: [pipeline/]}")).containsExactly(
                "services.recsys.features.repo: required: the feature pipeline's git working copy");
        assertThat(problems("features", "{repo: /srv/f}")).singleElement().asString()
                .startsWith("services.recsys.features.paths: required");
        assertThat(problems("features", "{repo: /srv/f, paths: [../secrets, /etc]}")).containsExactly(
                "services.recsys.features.paths: each path must be relative to the repository and stay inside it; got '../secrets'",
                "services.recsys.features.paths: each path must be relative to the repository and stay inside it; got '/etc'");
        assertThat(problems("features", "{repo: /srv/f, paths: [p/], dvcRemot: s3}")).containsExactly(
                "services.recsys.features.dvcRemot: unknown key; did you mean 'dvcRemote'?");
    }

    @Test
    void eachCiKindLoadsWithWhatItNeeds() {
        CiConfig gitlab = service("ci", "{kind: gitlab, project: ml/recsys, tokenEnv: GL_TRIGGER}").ciConfig();
        assertThat(gitlab.url()).isEqualTo(URI.create("https://gitlab.com"));
        assertThat(gitlab.ref()).isEqualTo("main");
        CiConfig github = service("ci", "{kind: github, project: acme/recsys, workflow: retrain.yml, tokenEnv: GH_TOKEN, "
                + "ref: release}").ciConfig();
        assertThat(github.url()).isEqualTo(URI.create("https://api.github.com"));
        assertThat(github.ref()).isEqualTo("release");
        assertThat(service("ci", "{kind: jenkins, url: 'https://ci.example.com', job: ml/retrain, user: bot, "
                + "tokenFile: jenkins.token}").ciConfig().tokenFile()).isEqualTo(Path.of("jenkins.token")); // resolved on use
        assertThat(service("ci", "{kind: webhook, url: 'https://hooks.example.com/retrain'}").ciConfig().tokenEnv())
                .isNull();
    }

    @Test
    void eachCiKindSaysWhatItLacks() {
        assertThat(problems("ci", "{project: x}")).containsExactly(
                "services.recsys.ci.kind: required; one of gitlab, github, jenkins, webhook");
        assertThat(problems("ci", "{kind: github, project: recsys, tokenEnv: T}")).containsExactly(
                "services.recsys.ci.project: expected owner/repo; got 'recsys'",
                "services.recsys.ci.workflow: required for github: the workflow file name (retrain.yml) or id");
        assertThat(problems("ci", "{kind: jenkins, url: 'https://ci', job: j, tokenEnv: T}")).containsExactly(
                "services.recsys.ci.user: required for jenkins: the user the API token belongs to");
        assertThat(problems("ci", "{kind: gitlab, project: p}")).singleElement().asString()
                .contains("tokenEnv: required for gitlab", "never the token itself");
    }

    @Test
    void aTokenInTheUrlIsRefusedWithoutBeingEchoed() {
        List<String> problems = problems("ci", "{kind: webhook, url: 'https://bot:s3cr3t@hooks.example.com/x'}");

        assertThat(problems).containsExactly("services.recsys.ci.url: credentials do not belong in the URL; name the "
                + "variable holding the token with tokenEnv");
        assertThat(String.join("\n", problems)).doesNotContain("s3cr3t");
    }
}
