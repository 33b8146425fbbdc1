package dev.rollback.core.drill;

import dev.rollback.config.ServiceConfig;
import dev.rollback.core.drill.StateSnapshot.VersionState;
import dev.rollback.core.drill.StateSnapshotChange.Kind;
import dev.rollback.core.model.AliasStep;
import dev.rollback.core.model.ServingReferenceStep;
import dev.rollback.core.model.StageStep;
import dev.rollback.core.model.TagStep;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.core.registry.ModelRegistry;
import dev.rollback.core.registry.ModelVersion;
import dev.rollback.core.serving.RolloutStep;
import dev.rollback.core.serving.ServingBinding;
import dev.rollback.core.status.RegistryView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes a service's {@link StateSnapshot} before a drill, and puts it back afterwards: the steps that turn the
 * state now into the original one, run by the normal executor (journaled, compensated on failure), and the
 * differences that remain, to prove it is back.
 */
public final class StateSnapshots {

    /** What {@code AliasStep} takes for "not set" (its undo deletes the alias then). */

    private final ServiceConfig service;
    private final ModelRegistry registry;
    private final Optional<ServingBinding> serving;

    public StateSnapshots(ServiceConfig service, ModelRegistry registry, Optional<ServingBinding> serving) {
        this.service = service;
        this.registry = registry;
        this.serving = serving;
    }

    /** Reads the registry (the model's aliases, then every version) and the model reference serving runs. */
    public StateSnapshot capture() {
        RegistryView view = RegistryView.read(service, registry);
        Map<String, VersionState> versions = new LinkedHashMap<>();
        for (ModelVersion v : view.versions()) {
            versions.put(v.version(), VersionState.of(v.stage(), v.tags()));
        }
        String reference = serving.map(s -> s.read().modelReference()).orElse(null);
        return StateSnapshot.of(view.model().name(), view.model().aliases(), versions, reference);
    }

    /**
     * The steps that turn {@code now} back into {@code original}; empty when nothing differs. Registry first
     * (cheap to undo if a later step fails), serving last, as in a model rollback. Within the registry: tags
     * first, so a version never becomes live again while still tagged as rolled back from; stages without
     * archiving anyone else (every version's stage is restored explicitly); aliases last, since an alias is
     * what serving resolves. Versions registered or deleted since stay as they are: a restore never creates
     * or deletes a version, so {@link #differences} keeps reporting them.
     */
    public List<StepSpec> restoreSteps(StateSnapshot original, StateSnapshot now) {
        if (!original.model().equals(now.model())) {
            throw new IllegalArgumentException("snapshots of two models: " + original.model() + " and " + now.model());
        }
        String model = original.model();
        List<StateSnapshotChange> changes = StateSnapshotChange.between(original, now);
        List<StepSpec> steps = new ArrayList<>();
        for (StateSnapshotChange c : of(changes, Kind.TAG)) {
            steps.add(TagStep.spec(model, c.version(), c.key(), Optional.ofNullable(c.now()),
                    Optional.ofNullable(c.original())));
        }
        for (StateSnapshotChange c : of(changes, Kind.STAGE)) {
            steps.add(StageStep.spec(model, c.version(), c.now(), c.original()));
        }
        for (StateSnapshotChange c : of(changes, Kind.ALIAS)) {
            steps.add(AliasStep.spec(model, c.key(), Optional.ofNullable(c.now()), Optional.ofNullable(c.original())));
        }
        for (StateSnapshotChange c : of(changes, Kind.SERVING)) {
            if (c.original() != null && c.now() != null && serving.isPresent()) {
                steps.add(ServingReferenceStep.spec(serving.get(), c.now(), c.original()));
                steps.add(RolloutStep.spec(serving.get()));
            }
        }
        return steps;
    }

    /**
     * What still differs, one line each, original → now ("alias champion: v7 → v5", "stage of v5: None →
     * Production", "serving: models:/m/7 → models:/m/5"); empty means restored exactly.
     */
    public static List<String> differences(StateSnapshot original, StateSnapshot now) {
        return StateSnapshotChange.between(original, now).stream().map(StateSnapshotChange::describe).toList();
    }

    private static List<StateSnapshotChange> of(List<StateSnapshotChange> changes, Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).toList();
    }
}
