package dev.rollback.cli;

import dev.rollback.config.ServiceConfig;
import dev.rollback.core.decision.Decision;
import dev.rollback.core.decision.Reason;
import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.lock.HeldLock;
import dev.rollback.core.lock.LockHeldException;
import dev.rollback.core.model.ModelRollbackPlan;
import dev.rollback.core.model.ModelRollbackRequest;
import dev.rollback.core.watch.RollbackTrigger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rollback {@code watch} and {@code drill} trigger: exactly {@code rollback model SERVICE --to healthy-baseline
 * --yes}, the same plan, lock, journal and verification, with the decision that triggered it written into the
 * journal (the report reads detection and triage times from it).
 */
final class AutomatedRollback implements RollbackTrigger {

    private final CliContext ctx;
    private final ServiceConfig service;
    private final String kubernetesContext;
    private final String by;
    private final String trigger;
    private final Duration rolloutTimeout;
    private final boolean noVerify;

    /** @param trigger "watch" or "drill": the reason starts with it */
    AutomatedRollback(CliContext ctx, ServiceConfig service, String kubernetesContext, String by, String trigger,
            Duration rolloutTimeout, boolean noVerify) {
        this.ctx = ctx;
        this.service = service;
        this.kubernetesContext = kubernetesContext;
        this.by = by;
        this.trigger = trigger;
        this.rolloutTimeout = rolloutTimeout;
        this.noVerify = noVerify;
    }

    @Override
    public Triggered rollBack(Decision decision) {
        Wiring.Rollback rollback = Wiring.rollback(ctx, service, kubernetesContext);
        AtomicReference<String> journalId = new AtomicReference<>();
        try (HeldLock lock = rollback.runner().lock(PlanFlow.owner(ctx), false)) {
            Instant now = Instant.now();
            ModelRollbackRequest request = new ModelRollbackRequest(RollbackIds.next(service.name(), now),
                    ModelRollbackRequest.HEALTHY_BASELINE, reason(decision), true, by, false, false, now);
            ModelRollbackPlan planned = rollback.model(ctx).plan(request, Wiring.referenceTemplate(service));
            PlanFlow.AfterRun recordDecision = (run, exitCode) -> {
                journalId.set(run.journal().id());
                run.journal().append(JournalEntry.decision(decision, trigger + " decided " + decision.verdict()));
                return exitCode;
            };
            int exit = PlanFlow.showConfirmRun(ctx, planned, null, lock, true, rollback.runner(), rolloutTimeout,
                    recordDecision.then(PostRollbackVerification.after(ctx, service, noVerify, null)));
            return new Triggered(journalId.get(), exit == ExitCode.OK.code(), exit == ExitCode.OK.code()
                    ? "rolled back " + planned.headline() + " (" + journalId.get() + ")"
                    : "rollback " + journalId.get() + " ended with exit code " + exit + ": see 'rollback report "
                            + journalId.get() + "'", exit);
        } catch (CliException e) {
            return new Triggered(journalId.get(), false, e.getMessage(), e.exitCode().code());
        } catch (LockHeldException e) {
            return new Triggered(null, false, e.getMessage(), ExitCode.LOCKED.code());
        } catch (RuntimeException e) {
            ExitCode code = ErrorReporter.exitCodeOf(e);
            return new Triggered(journalId.get(), false, ErrorReporter.describe(e), code.code());
        }
    }

    /** "watch: 3 consecutive hard breaches: error rate 0.31 > 0.05 (max)" — what the journal, tags and report say. */
    private String reason(Decision decision) {
        return trigger + ": " + String.join("; ", decision.reasons().stream().filter(Reason::hard)
                .map(Reason::message).toList()) + (decision.synthetic() ? " (synthetic breach)" : "");
    }
}
