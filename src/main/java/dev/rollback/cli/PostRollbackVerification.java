package dev.rollback.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.cli.render.DecisionRenderer;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.Sleeper;
import dev.rollback.core.decision.DecisionService;
import dev.rollback.core.decision.Verification;
import dev.rollback.core.decision.Verifier;
import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.journal.Outcome;

import java.time.Clock;
import java.time.Instant;

/**
 * After a completed rollback of a service with a metrics section: watch the metrics for the configured window,
 * record in the journal whether each signal recovered and how long it took, and turn "not recovered" into exit
 * code 15 with the numbers. Skipped (and recorded as skipped) with --no-verify.
 */
final class PostRollbackVerification {

    private PostRollbackVerification() {
    }

    /** @param doc the command's JSON document, or null for table output */
    static PlanFlow.AfterRun after(CliContext ctx, ServiceConfig service, boolean noVerify, ObjectNode doc) {
        return (run, exitCode) -> {
            if (run.result().outcome() != Outcome.COMPLETED || !MetricsWiring.configured(service)) {
                return exitCode;
            }
            Verification verification;
            try {
                verification = noVerify ? Verification.skipped(Instant.now(), "--no-verify")
                        : verify(ctx, MetricsWiring.decisions(ctx, service));
            } catch (RuntimeException e) { // the rollback is done; failing to check it must not hide that
                verification = Verification.couldNotRun(Instant.now(), ErrorReporter.describe(e));
            }
            String line = DecisionRenderer.verification(verification);
            run.journal().append(JournalEntry.verification(Instant.now(), verification, line));
            if (doc != null) {
                doc.set("verification", DecisionRenderer.verificationJson(verification));
            } else {
                PlanFlow.humanOut(ctx).println(line);
                PlanFlow.humanOut(ctx).flush();
            }
            return verification.passed() ? exitCode : ExitCode.NOT_RECOVERED.code();
        };
    }

    private static Verification verify(CliContext ctx, DecisionService decisions) {
        var metrics = decisions.config();
        Verifier verifier = new Verifier(decisions.reader(), metrics.thresholds(), metrics.verify(), Clock.systemUTC(),
                Sleeper.REAL);
        ctx.err().println("verifying recovery for up to " + dev.rollback.core.Words.duration(metrics.verify().window())
                + " (every " + dev.rollback.core.Words.duration(metrics.verify().interval()) + "; --no-verify skips it)");
        try {
            return verifier.verify(decisions.baseline(), line -> {
                ctx.err().println(line);
                ctx.err().flush();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verification.interrupted(Instant.now());
        }
    }
}
