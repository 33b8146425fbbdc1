package dev.rollback.core.status;

import dev.rollback.core.Versions;
import org.junit.jupiter.api.Test;

import static dev.rollback.core.status.StatusWarning.Code.ALIAS_STAGE_DISAGREE;
import static dev.rollback.core.status.StatusWarning.Code.LIVE_ROLLED_BACK_FROM;
import static dev.rollback.core.status.StatusWarning.Code.NO_HEALTHY_BASELINE;
import static dev.rollback.core.status.StatusWarning.Code.NO_LIVE_VERSION;
import static dev.rollback.core.status.StatusWarning.Code.SEVERAL_IN_STAGE;
import static org.assertj.core.api.Assertions.assertThat;

class StatusServiceTest {

    @Test
    void seedScenarioLiveIsV7ByAliasAndStageWithThreeProductionVersionsWarned() {
        ServiceStatus status = StatusService.evaluate(Versions.seedScenario().view());

        assertThat(status.live()).hasValueSatisfying(live -> {
            assertThat(live.version().version()).isEqualTo("7");
            assertThat(live.alias()).isEqualTo("champion");
            assertThat(live.stage()).isEqualTo("Production");
        });
        assertThat(status.healthyBaselines()).extracting(v -> v.version()).containsExactly("5");
        assertThat(status.warnings()).extracting(StatusWarning::code).containsExactly(SEVERAL_IN_STAGE);
        assertThat(status.warnings().get(0).message()).isEqualTo(
                "versions 4, 6 and 7 are all in stage 'Production'; only v7 is live (alias 'champion' and stage "
                        + "'Production'); archive the others so the stage names one version");
        assertThat(status.healthy()).isFalse();
    }

    @Test
    void healthyWhenAliasAndSingleStageVersionAgreeAndBaselineExists() {
        ServiceStatus status = StatusService.evaluate(Versions.model()
                .version(5, "Archived", "rollback.healthy_baseline=true").version(6, "Production")
                .alias("champion", 6).view());

        assertThat(status.warnings()).isEmpty();
        assertThat(status.healthy()).isTrue();
    }

    @Test
    void noLiveVersionWhenAliasUnsetAndStageEmpty() {
        ServiceStatus status = StatusService.evaluate(Versions.model()
                .version(1, "None", "rollback.healthy_baseline=true").view());

        assertThat(status.live()).isEmpty();
        assertThat(status.warnings()).extracting(StatusWarning::code).containsExactly(NO_LIVE_VERSION);
        assertThat(status.warnings().get(0).message())
                .isEqualTo("no live version: alias 'champion' is not set and no version is in stage 'Production'");
    }

    @Test
    void aliasWinsOverStageAndDisagreementIsWarned() {
        ServiceStatus status = StatusService.evaluate(Versions.model()
                .version(5, "None", "rollback.healthy_baseline=true").version(6, "Production").version(8, "None")
                .alias("champion", 8).view());

        assertThat(status.live()).hasValueSatisfying(live -> {
            assertThat(live.version().version()).isEqualTo("8");
            assertThat(live.stage()).isNull();
        });
        assertThat(status.warnings()).extracting(StatusWarning::code).containsExactly(ALIAS_STAGE_DISAGREE);
        assertThat(status.warnings().get(0).message())
                .isEqualTo("alias 'champion' points at v8 but stage 'Production' holds v6: they disagree on what is live");
    }

    @Test
    void stageOnlyServiceUsesNewestVersionInStage() {
        ServiceStatus status = StatusService.evaluate(Versions.model().live(null, "Production")
                .version(3, "Production", "rollback.healthy_baseline=true").view());

        assertThat(status.live()).hasValueSatisfying(live -> {
            assertThat(live.version().version()).isEqualTo("3");
            assertThat(live.alias()).isNull();
            assertThat(live.knownBy()).isEqualTo("stage 'Production'");
        });
        assertThat(status.warnings()).isEmpty();
    }

    @Test
    void missingBaselineAndLiveRolledBackFromAreWarned() {
        ServiceStatus status = StatusService.evaluate(Versions.model().live("champion", null)
                .version(7, "None", "rollback.role=rolled_back_from", "rollback.at=2026-11-20T02:14:00Z",
                        "rollback.reason=diversity collapse")
                .alias("champion", 7).view());

        assertThat(status.warnings()).extracting(StatusWarning::code)
                .containsExactly(NO_HEALTHY_BASELINE, LIVE_ROLLED_BACK_FROM);
        assertThat(status.warnings().get(1).message()).isEqualTo("live version v7 is tagged as rolled back from at "
                + "2026-11-20T02:14:00Z (reason: diversity collapse); it was taken out of service before");
    }
}
