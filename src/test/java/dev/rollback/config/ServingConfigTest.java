package dev.rollback.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.rollback.config.ConfigFixtures.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

/** services.NAME.serving for each kind: what each needs, and one clear problem per mistake. */
class ServingConfigTest {

    @TempDir
    Path dir;

    private List<String> problems(String serving) {
        return ConfigFixtures.problems(dir, MINIMAL + "    serving:\n" + serving.indent(6));
    }

    private ServingConfig serving(String serving) {
        return ConfigFixtures.load(dir, MINIMAL + "    serving:\n" + serving.indent(6)).services().get("recsys")
                .servingConfig();
    }

    @Test
    void eachKindLoadsWithWhatItNeeds() {
        assertThat(serving("{namespace: ml, name: model-server, modelRef: {container: server, env: MODEL_URI}}").kind())
                .isEqualTo("deployment");
        ServingConfig helm = serving("{kind: helm, namespace: ml, name: recsys, helm: /opt/helm, modelRef: {value: model.uri}}");
        assertThat(helm.helmBinary()).isEqualTo("/opt/helm");
        assertThat(helm.helmValue()).isEqualTo("model.uri");
        assertThat(serving("{kind: helm, namespace: ml, name: recsys}").helmBinary()).isEqualTo("helm");
        assertThat(serving("{kind: argo-rollout, namespace: ml, name: recsys, modelRef: {annotation: ml/model}}")
                .annotation()).isEqualTo("ml/model");
        assertThat(serving("{kind: kserve, namespace: ml, name: recsys, reference: '{source}'}").describeLocation())
                .isEqualTo("predictor storageUri");
    }

    @Test
    void anUnknownKindNamesTheSupportedOnesAndTheClosest() {
        assertThat(problems("{kind: argo-rolout, namespace: ml, name: x, modelRef: {annotation: a}}")).containsExactly(
                "services.recsys.serving.kind: unsupported serving kind 'argo-rolout'; supported: deployment, helm, "
                        + "argo-rollout, kserve (did you mean 'argo-rollout'?)");
    }

    @Test
    void eachKindRefusesWhatDoesNotApplyToIt() {
        assertThat(problems("{kind: kserve, namespace: ml, name: x, modelRef: {annotation: a}}")).containsExactly(
                "services.recsys.serving.modelRef: not used for kind: kserve (the model reference is the predictor's "
                        + "storageUri); remove it");
        assertThat(problems("{namespace: ml, name: x, helm: helm3, modelRef: {annotation: a}}")).containsExactly(
                "services.recsys.serving.helm: only for kind: helm");
        assertThat(problems("{kind: helm, namespace: ml, name: x, modelRef: {env: MODEL_URI}}")).containsExactly(
                "services.recsys.serving.modelRef.env: unknown key; valid keys: value");
    }

    @Test
    void aPodTemplateKindNeedsExactlyOneModelReferenceLocation() {
        assertThat(problems("{kind: argo-rollout, namespace: ml, name: x}")).containsExactly(
                "services.recsys.serving.modelRef: required: {container, env}, {annotation} or {configMap, key}");
        assertThat(problems("{namespace: ml, name: x, modelRef: {annotation: a, configMap: c, key: k}}")).containsExactly(
                "services.recsys.serving.modelRef: set exactly one of {container, env}, {annotation} or {configMap, key}; "
                        + "got annotation + configMap/key");
    }
}
