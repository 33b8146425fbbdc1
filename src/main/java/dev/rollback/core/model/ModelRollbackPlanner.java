package dev.rollback.core.model;

import dev.rollback.config.ServiceConfig;
import dev.rollback.core.AuditTags;
import dev.rollback.core.artifacts.ArtifactFingerprint;
import dev.rollback.core.artifacts.ArtifactStore;
import dev.rollback.core.candidates.Candidate;
import dev.rollback.core.candidates.CandidateRanker;
import dev.rollback.core.candidates.Candidates;
import dev.rollback.core.plan.Check;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.core.registry.ModelVersion;
import dev.rollback.core.serving.RolloutStep;
import dev.rollback.core.serving.ServingBinding;
import dev.rollback.core.serving.ServingSnapshot;
import dev.rollback.core.status.LiveVersion;
import dev.rollback.core.status.RegistryView;
import dev.rollback.core.status.StatusService;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Decides a model rollback before anything changes: resolves the target, runs every preflight
 * check, and lays out the steps in the order that keeps a failure cheap to undo (registry first,
 * serving next, audit tags last).
 */
public final class ModelRollbackPlanner {

    /** The tag {@code prepare} writes with the artifact's fingerprint, checked here. */
    public static final String ARTIFACT_DIGEST_TAG = "rollback.artifact_digest";
    public static final String ARCHIVED = "Archived";

    private ModelRollbackPlanner() {
    }

    public static ModelRollbackPlan plan(ModelRollbackRequest request, RegistryView view,
            Optional<ServingBinding> serving, Optional<ArtifactStore> artifacts, String referenceTemplate) {
        ServiceConfig service = view.service();
        List<Check> checks = new ArrayList<>();
        Optional<ModelVersion> live = StatusService.resolveLive(view).map(LiveVersion::version);
        Optional<ModelVersion> target = resolveTarget(request.to(), view, checks);
        if (live.isEmpty()) {
            checks.add(Check.fail("live version", "no live version for " + service.name()
                    + ": nothing to roll back from (see 'rollback status " + service.name() + "')"));
        }
        if (target.isEmpty() || live.isEmpty()) {
            return new ModelRollbackPlan(emptyPlan(request, service), live.orElse(null), target.orElse(null), checks);
        }
        ModelVersion from = live.get();
        ModelVersion to = target.get();
        // Reading the cluster and checking S3 are independent round trips (and each a cold client): overlap them.
        boolean touchesServing = !request.registryOnly() && serving.isPresent();
        CompletableFuture<ServingSnapshot> servingNow = touchesServing
                ? CompletableFuture.supplyAsync(serving.get()::read) : null;
        TargetChecks.run(request, from, to, artifacts, checks);

        List<StepSpec> steps = new ArrayList<>();
        List<String> untouched = new ArrayList<>(List.of("feature pipeline (rollback features)",
                "training data (rollback retrain)"));
        String model = service.model().name();
        String alias = service.live().alias();
        if (alias != null) {
            steps.add(AliasStep.spec(model, alias, view.model().aliasVersion(alias), to.version()));
        }
        String stage = service.live().stage();
        if (stage != null) {
            if (!stage.equalsIgnoreCase(to.stage())) {
                steps.add(StageStep.spec(model, to.version(), to.stage(), stage));
            }
            if (stage.equalsIgnoreCase(from.stage())) {
                steps.add(StageStep.spec(model, from.version(), from.stage(), ARCHIVED));
            }
            List<String> leftovers = view.versionsInLiveStage().stream()
                    .filter(v -> !v.version().equals(from.version()) && !v.version().equals(to.version()))
                    .map(v -> "v" + v.version()).toList();
            if (!leftovers.isEmpty()) {
                untouched.add(String.join(", ", leftovers) + " left in stage " + stage + " (archive them after the incident)");
            }
        }
        if (!touchesServing) {
            untouched.add(request.registryOnly() ? "serving (--registry-only)" : "serving (not configured for "
                    + service.name() + ")");
        } else {
            servingSteps(serving.get(), servingNow, from, to, referenceTemplate, steps, checks);
        }
        steps.add(AuditTagsStep.spec(from, to, request.rollbackId(), request.now().toString(), request.by(),
                request.reason()));
        Plan plan = new Plan(request.rollbackId(), "model", service.name(), request.now(), request.by(),
                request.reason(), steps, untouched);
        return new ModelRollbackPlan(plan, from, to, checks);
    }

    private static void servingSteps(ServingBinding serving, CompletableFuture<ServingSnapshot> read, ModelVersion from,
            ModelVersion to, String template, List<StepSpec> steps, List<Check> checks) {
        ServingSnapshot current;
        try {
            current = read.join();
        } catch (CompletionException e) {
            checks.add(Check.fail("serving", e.getCause().getMessage()));
            return;
        }
        String expected = reference(template, from);
        String wanted = reference(template, to);
        if (current.modelReference().equals(wanted)) {
            checks.add(Check.warn("serving", serving.describe() + " already serves " + wanted + ": only the registry changes"));
            return;
        }
        if (current.modelReference().equals(expected)) {
            checks.add(Check.pass("serving", serving.describe() + " serves " + expected));
        } else {
            checks.add(Check.warn("serving", "drift: " + serving.describe() + " serves " + current.modelReference()
                    + ", not the registry's live v" + from.version() + " (" + expected + "); it will be replaced"));
        }
        steps.add(ServingReferenceStep.spec(serving, current.modelReference(), wanted));
        steps.add(RolloutStep.spec(serving));
    }

    /** The model reference serving uses, from the configured template: {model}, {version}, {source}. */
    public static String reference(String template, ModelVersion version) {
        return template.replace("{model}", version.modelName()).replace("{version}", version.version())
                .replace("{source}", version.source());
    }

    private static Optional<ModelVersion> resolveTarget(String to, RegistryView view, List<Check> checks) {
        String service = view.service().name();
        Candidates candidates = CandidateRanker.rank(view);
        if (ModelRollbackRequest.HEALTHY_BASELINE.equals(to) || ModelRollbackRequest.PREVIOUS.equals(to)) {
            Candidate.Tier tier = ModelRollbackRequest.HEALTHY_BASELINE.equals(to)
                    ? Candidate.Tier.HEALTHY_BASELINE : Candidate.Tier.PREVIOUSLY_LIVE;
            Optional<ModelVersion> found = candidates.ranked().stream().filter(c -> c.tier() == tier)
                    .map(Candidate::version).findFirst();
            if (found.isEmpty()) {
                checks.add(Check.fail("target", "no " + (tier == Candidate.Tier.HEALTHY_BASELINE
                        ? "healthy baseline is designated" : "previously live version is known") + " for " + service
                        + "; pick a version from 'rollback candidates " + service + "' and pass --to VERSION"));
            }
            return found;
        }
        String number = to.startsWith("v") || to.startsWith("V") ? to.substring(1) : to;
        Optional<ModelVersion> found = view.version(number);
        if (found.isEmpty()) {
            checks.add(Check.fail("target", "version " + to + " of " + view.service().model().name()
                    + " does not exist in " + view.registryLocation()));
        }
        return found;
    }

    private static Plan emptyPlan(ModelRollbackRequest request, ServiceConfig service) {
        return new Plan(request.rollbackId(), "model", service.name(), request.now(), request.by(), request.reason(),
                List.of(), List.of());
    }

    /** Checks about the target version itself (readiness, history, artifact). */
    static final class TargetChecks {

        static void run(ModelRollbackRequest request, ModelVersion from, ModelVersion to,
                Optional<ArtifactStore> artifacts, List<Check> checks) {
            checks.add(to.isReady() ? Check.pass("ready", "v" + to.version() + " is READY")
                    : Check.fail("ready", "v" + to.version() + " is " + to.status() + ", not READY: it cannot be served"));
            if (to.version().equals(from.version())) {
                checks.add(Check.fail("not live", "v" + to.version() + " is already the live version"));
            }
            if (to.hasTag(AuditTags.ROLE, AuditTags.ROLE_ROLLED_BACK_FROM)) {
                String why = "v" + to.version() + " was rolled back from"
                        + to.tag(AuditTags.AT).map(at -> " at " + at).orElse("")
                        + to.tag(AuditTags.REASON).map(r -> " (" + r + ")").orElse("");
                if (request.force() && request.reasonGiven()) {
                    checks.add(Check.warn("history", why + "; going ahead because of --force"));
                } else {
                    checks.add(Check.fail("history", why + "; to use it anyway pass --force with --reason"));
                }
            }
            artifactCheck(to, artifacts, checks);
        }

        private static void artifactCheck(ModelVersion to, Optional<ArtifactStore> artifacts, List<Check> checks) {
            String source = to.source();
            if (artifacts.isEmpty() || !artifacts.get().handles(source)) {
                checks.add(Check.warn("artifact", "artifact " + source + " not checked (no store configured for it)"));
                return;
            }
            Optional<ArtifactFingerprint> found;
            try {
                found = artifacts.get().fingerprint(source);
            } catch (RuntimeException e) {
                checks.add(Check.fail("artifact", e.getMessage()));
                return;
            }
            if (found.isEmpty()) {
                checks.add(Check.fail("artifact", "the artifact of v" + to.version() + " is missing at " + source));
                return;
            }
            Optional<String> recorded = to.tag(ARTIFACT_DIGEST_TAG);
            if (recorded.isPresent() && !recorded.get().equals(found.get().digest())) {
                checks.add(Check.fail("artifact", "the artifact of v" + to.version() + " at " + source
                        + " was overwritten in place: its fingerprint is " + found.get().digest() + ", prepare recorded "
                        + recorded.get() + "; serving it would not restore the known-good model"));
                return;
            }
            checks.add(Check.pass("artifact", source + " present (" + found.get().objects() + " objects"
                    + (recorded.isPresent() ? ", fingerprint matches prepare" : "") + ")"));
        }
    }
}
