package dev.rollback.adapters.serving.helm;

import dev.rollback.adapters.serving.helm.HelmHistory.Entry;
import dev.rollback.core.infra.GitOpsOwner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The parsers, on text in the shapes Helm 3 prints (helm history -o json, helm get manifest, Go durations). */
class HelmParsingTest {

    @Test
    void parsesHistoryIncludingFailedRevisionsAndGoTimes() {
        String json = """
                [{"revision":1,"updated":"2024-03-01T10:00:00.123456789Z","status":"superseded","chart":"recsys-1.0.0",
                  "app_version":"2.4.0","description":"Install complete"},
                 {"revision":2,"updated":"2024-03-02T11:00:00.5+01:00","status":"failed","chart":"recsys-1.1.0",
                  "app_version":"2.4.1","description":"Upgrade \\"recsys\\" failed: timed out waiting for the condition"},
                 {"revision":3,"updated":"0001-01-01T00:00:00Z","status":"deployed","chart":"recsys-1.0.0",
                  "app_version":"2.4.0","description":"Rollback to 1"}]""";
        List<Entry> h = HelmHistory.parse(json, "Helm release ml-serving/recsys");
        assertThat(h).containsExactly(
                new Entry(1, Instant.parse("2024-03-01T10:00:00.123456789Z"), "superseded", "recsys-1.0.0", "2.4.0", "Install complete"),
                new Entry(2, Instant.parse("2024-03-02T10:00:00.5Z"), "failed", "recsys-1.1.0", "2.4.1",
                        "Upgrade \"recsys\" failed: timed out waiting for the condition"),
                new Entry(3, null, "deployed", "recsys-1.0.0", "2.4.0", "Rollback to 1"));
        assertThat(h.get(1).good()).isFalse();
        assertThat(HelmHistory.newestDeployed(h)).map(Entry::revision).contains(3L);
        assertThat(h.get(0).label()).isEqualTo("revision 1 (chart recsys-1.0.0, app 2.4.0");
    }

    @Test
    void readsTimesLeniently() {
        assertThat(HelmHistory.time("2024-03-01 10:00:00.25 +0100 CET")).isEqualTo(Instant.parse("2024-03-01T09:00:00.25Z"));
        assertThat(HelmHistory.time("2024-03-01T10:00:00-05:00")).isEqualTo(Instant.parse("2024-03-01T15:00:00Z"));
        assertThat(HelmHistory.time("yesterday")).isNull();
        assertThat(HelmHistory.time("")).isNull();
    }

    @Test
    void imagesComeOnlyFromContainersDistinctInOrder() {
        String manifest = HelmStandIn.manifest("registry.example.com/model-server:1.3")
                + "---\n# Source: recsys/templates/job.yaml\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: warmup\n"
                + "spec:\n  template:\n    spec:\n      containers:\n        - name: warm\n          image: registry.example.com/model-server:1.3\n";
        assertThat(HelmManifest.parse(manifest).images()).containsExactly("registry.example.com/fetcher:1.0",
                "registry.example.com/model-server:1.3", "registry.example.com/envoy:1.29");
    }

    @Test
    void fallsBackToImageLinesWhenTheYamlDoesNotParse() {
        String broken = "kind: Deployment\nspec: [unclosed\n      containers:\n        - image: a/b:1\n          image: 'c/d:2'\n";
        assertThat(HelmManifest.parse(broken).images()).containsExactly("a/b:1", "c/d:2");
    }

    @Test
    void detectsFluxHelmControllerAndArgoTrackingButNotTheChartsInstanceLabel() {
        String plain = HelmStandIn.manifest("m:1"); // app.kubernetes.io/instance without managed-by
        assertThat(HelmManifest.parse(plain).gitOps()).isEmpty();

        String flux = plain.replace("    app.kubernetes.io/instance: recsys",
                "    app.kubernetes.io/instance: recsys\n    helm.toolkit.fluxcd.io/name: recsys\n"
                        + "    helm.toolkit.fluxcd.io/namespace: apps");
        assertThat(HelmManifest.parse(flux).gitOps()).contains(
                new GitOpsOwner("Flux", "HelmRelease apps/recsys", "flux suspend helmrelease recsys -n apps", true));

        String argo = plain.replace("  name: recsys-config\n",
                "  name: recsys-config\n  annotations:\n    argocd.argoproj.io/tracking-id: ml_recsys:/ConfigMap:ml-serving/recsys-config\n");
        assertThat(HelmManifest.parse(argo).gitOps()).map(GitOpsOwner::tool).contains("Argo CD");
    }

    @Test
    void followsADottedValuePathAndNamesKeysButNoValuesWhenMissing() {
        String values = "{\"model\":{\"uri\":\"models:/recsys/4\"},\"predictors\":[{\"uri\":\"s3://m/1\"}],\"dbPassword\":\"hunter2\"}";
        assertThat(HelmValues.lookup(values, "model.uri", "r").value()).contains("models:/recsys/4");
        assertThat(HelmValues.lookup(values, "predictors.0.uri", "r").value()).contains("s3://m/1");
        HelmValues.Lookup missing = HelmValues.lookup(values, "model.path", "r");
        assertThat(missing.value()).isEmpty();
        assertThat(missing.problem()).isEqualTo("r values have no 'model.path' ('model' has keys: uri)");
        assertThat(HelmValues.lookup(values, "serving", "r").problem()).contains("keys: dbPassword, model, predictors")
                .doesNotContain("hunter2");
    }

    @Test
    void formatsTimeoutsAsGoDurations() {
        assertThat(GoDuration.format(Duration.ofMinutes(5))).isEqualTo("5m0s");
        assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(GoDuration.format(Duration.ofHours(1))).isEqualTo("1h0m0s");
        assertThat(GoDuration.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("2s");
        assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("1s");
    }

    @Test
    void picksHelmsErrorLineOverWarnings() {
        String stderr = "WARNING: Kubernetes configuration file is group-readable. This is insecure. Location: /x\n"
                + "W0301 10:00:00.000000   123 warnings.go:70] deprecated API\nError: release has no 9 version\n";
        assertThat(HelmErrors.firstMeaningfulLine(stderr, 1)).isEqualTo("Error: release has no 9 version");
        assertThat(HelmErrors.firstMeaningfulLine("", 2)).isEqualTo("exit code 2 without a message");
    }
}
