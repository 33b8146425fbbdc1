package dev.rollback.core.features;

import dev.rollback.core.plan.Check;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.plan.RollbackRunner;
import dev.rollback.core.plan.StepSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans a feature-pipeline rollback ({@code rollback features}): the pipeline paths restored to a known-good
 * commit as a new commit on a rollback branch (history is never rewritten), that branch checked out with
 * the DVC outputs its dvc.lock names, and optionally pushed. The {@link RollbackRunner} runs it like any
 * other plan, so it has the same lock, journal, compensation and resume/abort.
 */
public final class FeatureRollbackService {

    static final int RECENT = 5;
    private static final int DIRTY_SHOWN = 8;

    private final String service;
    private final FeaturePipeline pipeline;
    private final RollbackRunner runner;

    public FeatureRollbackService(String service, FeaturePipeline pipeline, RollbackRunner runner) {
        this.service = service;
        this.pipeline = pipeline;
        this.runner = runner;
    }

    public FeatureRollbackPlan plan(FeatureRollbackRequest request) {
        List<Check> checks = new ArrayList<>();
        WorkingTree tree = pipeline.workingTree();
        Optional<Commit> head = pipeline.resolve(tree.head());
        String branch = "rollback/" + service + "/" + request.rollbackId();
        checks.add(workingTreeCheck(tree));
        Optional<Commit> target = target(request.target(), checks);
        List<FileChange> files = List.of();
        List<DataChange> data = List.of();
        if (target.isPresent() && head.isPresent()) {
            files = pipeline.diff(tree.head(), target.get().id());
            data = pipeline.dataDiff(tree.head(), target.get().id());
            if (files.isEmpty()) {
                checks.add(Check.fail("target", "the pipeline paths at " + target.get().shortId()
                        + " are the same as at HEAD (" + head.get().shortId() + "): nothing to restore"));
            }
        }
        if (request.push() && !pipeline.canPush()) {
            checks.add(Check.fail("push", "--push: the repository has no git remote to push to (see services."
                    + service + ".features.remote); drop --push or add the remote"));
        }
        runner.unfinished().forEach(why -> checks.add(Check.fail("unfinished", why)));

        List<StepSpec> steps = new ArrayList<>();
        boolean refused = checks.stream().anyMatch(c -> c.result() == Check.Result.FAIL);
        if (!refused) {
            String original = tree.branch().orElseThrow();
            String base = head.orElseThrow().id();
            Commit to = target.orElseThrow();
            steps.add(FeatureSteps.commitSpec(branch, original, base, to,
                    message(request, to, base, tree)));
            steps.add(FeatureSteps.checkoutSpec(pipeline, branch, original, data.size()));
            if (request.push()) {
                steps.add(FeatureSteps.pushSpec(branch));
            }
        }
        Plan plan = new Plan(request.rollbackId(), "features", service, request.now(), request.by(), request.reason(),
                steps, List.of("model registry (rollback model)", "serving (rollback infra)",
                        "training data (rollback retrain)", "history of " + tree.branch().orElse("HEAD")
                                + ": the restore is a new commit on " + branch));
        return new FeatureRollbackPlan(plan, head, target, branch, files, data, checks);
    }

    private Check workingTreeCheck(WorkingTree tree) {
        if (tree.branch().isEmpty()) {
            return Check.fail("repo", "HEAD is detached at " + shortId(tree.head()) + " in " + pipeline.describe()
                    + "; check out the branch the pipeline runs from, then retry");
        }
        if (!tree.clean()) {
            List<String> dirty = tree.dirty();
            String shown = String.join(", ", dirty.subList(0, Math.min(DIRTY_SHOWN, dirty.size())))
                    + (dirty.size() > DIRTY_SHOWN ? " (+" + (dirty.size() - DIRTY_SHOWN) + " more)" : "");
            return Check.fail("repo", "uncommitted changes in " + pipeline.describe() + ": " + shown
                    + "; commit or stash them (they would be mixed into the rollback), then retry");
        }
        return Check.pass("repo", pipeline.describe() + ": on " + tree.branch().get() + " at " + shortId(tree.head())
                + ", clean");
    }

    /** The commit to restore, or a failed check saying why there is none. */
    private Optional<Commit> target(String requested, List<Check> checks) {
        if (FeatureRollbackRequest.PREVIOUS.equals(requested)) {
            List<Commit> recent = pipeline.recentChanges(1);
            if (recent.isEmpty()) {
                checks.add(Check.fail("target", "no commit on HEAD changed the pipeline paths, so there is no "
                        + "'previous'; name a commit with --to"));
                return Optional.empty();
            }
            Commit last = recent.get(0);
            if (last.rollbackId().isPresent()) {
                checks.add(Check.fail("target", "the last change to the pipeline is rollback "
                        + last.rollbackId().get() + " (" + last.shortId() + "); 'previous' would undo it. Name the "
                        + "commit to restore with --to; recent changes: " + recent()));
                return Optional.empty();
            }
            Optional<Commit> parent = pipeline.parent(last);
            if (parent.isEmpty()) {
                checks.add(Check.fail("target", "the last change to the pipeline (" + last.shortId()
                        + ") is the first commit: there is nothing before it"));
                return Optional.empty();
            }
            checks.add(Check.pass("target", parent.get().shortId() + " \"" + parent.get().subject()
                    + "\": the state before " + last.shortId() + " \"" + last.subject() + "\""));
            return parent;
        }
        Optional<Commit> commit = pipeline.resolve(requested);
        if (commit.isEmpty()) {
            checks.add(Check.fail("target", "no commit, tag or branch '" + requested + "' in " + pipeline.describe()
                    + "; recent changes to the pipeline: " + recent()));
            return Optional.empty();
        }
        checks.add(Check.pass("target", commit.get().shortId() + " \"" + commit.get().subject() + "\" by "
                + commit.get().author() + ", " + commit.get().time()));
        return commit;
    }

    private String recent() {
        List<Commit> recent = pipeline.recentChanges(RECENT);
        return recent.isEmpty() ? "(none)" : String.join("; ", recent.stream()
                .map(c -> c.shortId() + " \"" + c.subject() + "\"").toList());
    }

    /** The rollback commit's message: what and why for people, trailers for tools ({@code git log --grep}). */
    private String message(FeatureRollbackRequest request, Commit to, String base, WorkingTree tree) {
        return "Roll back the " + service + " feature pipeline to " + to.shortId() + "\n\n"
                + "Restores the pipeline paths as of " + to.shortId() + " (\"" + oneLine(to.subject()) + "\") on top of "
                + shortId(base) + " of " + tree.branch().orElse("HEAD") + ".\n\n"
                + "Reason: " + oneLine(request.reason()) + "\n"
                + "By: " + oneLine(request.by()) + "\n\n"
                + "Rollback-Id: " + request.rollbackId() + "\n"
                + "Rollback-Target: " + to.id() + "\n";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    private static String shortId(String id) {
        return id.length() > 9 ? id.substring(0, 9) : id;
    }
}
