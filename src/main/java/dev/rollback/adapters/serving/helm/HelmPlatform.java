package dev.rollback.adapters.serving.helm;

import dev.rollback.adapters.serving.helm.HelmHistory.Entry;
import dev.rollback.adapters.serving.helm.HelmReleaseReader.Content;
import dev.rollback.core.infra.ChangeContext;
import dev.rollback.core.infra.InfraChange;
import dev.rollback.core.infra.RolloutPhase;
import dev.rollback.core.infra.ServingPlatform;
import dev.rollback.core.infra.ServingRevision;
import dev.rollback.core.infra.ServingState;
import dev.rollback.core.infra.UndoRequest;
import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.RolloutProgress;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Helm 3 (or 4) release as a serving platform, through the operator's own helm binary. Helm keeps the revisions;
 * an undo is {@code helm rollback REL N --wait}, which creates revision latest+1 with revision N's manifest.
 */
public final class HelmPlatform implements ServingPlatform {

    private final HelmCli cli;
    private final String namespace;
    private final String release;
    private final String valuePath;
    private final HelmReleaseReader reader;

    /** @param valuePath dotted path of the model reference in the release values ("model.uri"), null when none */
    public HelmPlatform(HelmCli cli, String namespace, String release, String valuePath) {
        this.cli = cli;
        this.namespace = namespace;
        this.release = release;
        this.valuePath = valuePath;
        this.reader = new HelmReleaseReader(cli, namespace, release, valuePath, describe());
    }

    @Override
    public String kind() {
        return "helm";
    }

    @Override
    public String describe() {
        return "Helm release " + namespace + "/" + release;
    }

    @Override
    public ServingState read() {
        Entry latest = HelmHistory.latest(reader.history());
        Content c = reader.content(latest.revision());
        // A release whose chart renamed the value must still be readable (and roll-back-able): the model reference
        // is then unknown, and the detail says why.
        String detail = phaseDetail(latest);
        if (valuePath != null && !valuePath.isBlank() && !c.modelProblem().isEmpty()) {
            detail = (detail.isEmpty() ? "" : detail + "; ") + "model reference unknown: " + c.modelProblem()
                    + "; fix the value path in rollback.yaml";
        }
        // Helm does not count replicas: desired/ready are -1
        return new ServingState(kind(), describe(), Long.toString(latest.revision()), c.images(), c.modelReference(),
                -1, -1, phase(latest), detail, c.gitOps());
    }

    @Override
    public List<ServingRevision> history() {
        List<Entry> entries = reader.history();
        Map<Long, Content> contents = reader.contents(entries.stream().map(Entry::revision).toList());
        long live = HelmHistory.newestDeployed(entries).map(Entry::revision).orElse(-1L);
        return entries.stream().map(e -> {
            Content c = contents.get(e.revision());
            return new ServingRevision(e.revision(), e.updated(), c.images(), c.modelReference(), e.description(),
                    e.status(), e.revision() == live);
        }).toList();
    }

    @Override
    public InfraChange planUndo(UndoRequest request) {
        List<Entry> entries = reader.history();
        return new HelmUndoPlanner(namespace, release, describe())
                .plan(entries, request, reader::content, cli.version().note());
    }

    @Override
    public String apply(Map<String, String> params, ChangeContext context) {
        return runner().apply(params, context);
    }

    @Override
    public String revert(Map<String, String> params, ChangeContext context) {
        return runner().revert(params, context);
    }

    /** helm rollback --wait already waited (or failed); this only reports how the latest revision ended. */
    @Override
    public RolloutOutcome awaitRollout(Duration timeout, Consumer<RolloutProgress> progress) {
        Entry latest = HelmHistory.latest(reader.history());
        RolloutProgress none = new RolloutProgress(0, 0, 0, 0);
        String summary = describe() + " revision " + latest.revision() + " is " + latest.status()
                + (latest.description().isEmpty() ? "" : ": " + latest.description());
        return new RolloutOutcome(latest.status().equals("deployed"), none, summary, List.of());
    }

    private HelmRollbackRunner runner() {
        return new HelmRollbackRunner(cli, reader, namespace, release, describe());
    }

    private static RolloutPhase phase(Entry e) {
        if (e.pending() || e.status().equals("uninstalling")) {
            return RolloutPhase.PROGRESSING;
        }
        return switch (e.status()) {
            case "deployed" -> RolloutPhase.COMPLETE;
            case "failed", "uninstalled" -> RolloutPhase.STUCK;
            default -> RolloutPhase.UNKNOWN;
        };
    }

    private String phaseDetail(Entry e) {
        if (e.pending()) {
            return "stuck in " + e.status() + "? revision " + e.revision() + " (\"" + e.description() + "\") is still "
                    + e.status() + (e.updated() == null ? "" : " since " + e.updated()) + "; while it is, Helm refuses "
                    + "every operation on the release (helm#11863). If no helm operation is running, an undo with "
                    + "--fix-pending clears it";
        }
        return switch (e.status()) {
            case "deployed" -> "";
            case "failed" -> "revision " + e.revision() + " failed: " + e.description();
            default -> "revision " + e.revision() + " is " + e.status()
                    + (e.description().isEmpty() ? "" : ": " + e.description());
        };
    }
}
