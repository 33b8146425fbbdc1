package dev.rollback.core.report;

import dev.rollback.core.decision.Decision;
import dev.rollback.core.decision.Verification;
import dev.rollback.core.report.Phase.Name;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The incident's four phases, each between two recorded instants or "not recorded" with the reason. */
final class Phases {

    static final String NO_DECISION = "no metrics decision: started by hand";

    private Phases() {
    }

    static List<Phase> of(Optional<Decision> decision, Instant planAt, Optional<Instant> endedAt,
            Optional<Verification> verification) {
        return List.of(detection(decision), triage(decision, planAt), execution(planAt, endedAt),
                verification(verification));
    }

    private static Phase detection(Optional<Decision> decision) {
        if (decision.isEmpty()) {
            return Phase.missing(Name.DETECTION, NO_DECISION);
        }
        Decision d = decision.get();
        if (d.firstBreachAt() == null) {
            return Phase.missing(Name.DETECTION, "the decision does not say when the breach was first seen");
        }
        return ordered(Name.DETECTION, d.firstBreachAt(), d.at(), "the breach is recorded as first seen after the "
                + "decision");
    }

    private static Phase triage(Optional<Decision> decision, Instant planAt) {
        if (decision.isEmpty()) {
            return Phase.missing(Name.TRIAGE, NO_DECISION);
        }
        return ordered(Name.TRIAGE, decision.get().at(), planAt, "the decision was made after the rollback started");
    }

    private static Phase execution(Instant planAt, Optional<Instant> endedAt) {
        return endedAt.map(end -> ordered(Name.EXECUTION, planAt, end, "the end is recorded before the start"))
                .orElseGet(() -> Phase.missing(Name.EXECUTION, "unfinished: no end entry yet"));
    }

    private static Phase verification(Optional<Verification> verification) {
        if (verification.isEmpty()) {
            return Phase.missing(Name.VERIFICATION, "no verification entry");
        }
        Verification v = verification.get();
        if (v.skipped() != null) {
            return Phase.missing(Name.VERIFICATION, "skipped: " + v.skipped());
        }
        return ordered(Name.VERIFICATION, v.startedAt(), v.endedAt(), "it is recorded as ending before it started");
    }

    /** A phase whose end precedes its start would make a negative MTTR: say it cannot be measured instead. */
    private static Phase ordered(Name name, Instant from, Instant to, String whenReversed) {
        return to.isBefore(from) ? Phase.missing(name, "not measurable: " + whenReversed)
                : Phase.recorded(name, from, to);
    }
}
