package dev.rollback.core.watch;

import dev.rollback.core.Sleeper;
import dev.rollback.core.decision.Baseline;
import dev.rollback.core.decision.Decision;
import dev.rollback.core.decision.DecisionService;
import dev.rollback.core.decision.Reading;
import dev.rollback.core.decision.Reason;
import dev.rollback.core.decision.Verdict;
import dev.rollback.core.metrics.Signal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * {@code rollback watch}: checks the service every interval and rolls back only after {@code needed} consecutive
 * hard breaches, so a spike that lasts one check never triggers. A hard signal that cannot be read (a gap or a
 * query error) is neither a breach nor a recovery: while every signal that breached in the streak is unreadable the
 * streak is kept and the gap is reported, never silently counted or reset; once one of them reads healthy again
 * the streak ends, whatever other signal is a gap. Soft breaches alert and never act. The loop ends after the rollback or when asked to stop.
 */
public final class WatchLoop {

    private final DecisionService decisions;
    private final Baseline baseline;
    private final Duration interval;
    private final int needed;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<WatchEvent> events;
    private final RollbackTrigger trigger;

    public WatchLoop(DecisionService decisions, Baseline baseline, Duration interval, int needed, Clock clock,
            Sleeper sleeper, Consumer<WatchEvent> events, RollbackTrigger trigger) {
        this.decisions = decisions;
        this.baseline = baseline;
        this.interval = interval;
        this.needed = needed;
        this.clock = clock;
        this.sleeper = sleeper;
        this.events = events;
        this.trigger = trigger;
    }

    /** How the loop ended: stopped (SIGTERM, lost leadership) with no rollback, or the rollback it triggered. */
    public record Result(int checks, RollbackTrigger.Triggered rollback) {
        public boolean rolledBack() {
            return rollback != null;
        }
    }

    /**
     * Runs until the rollback or until {@code keepGoing} turns false (checked before each check and after each
     * wait). An interrupt ends it too.
     */
    public Result run(BooleanSupplier keepGoing) throws InterruptedException {
        int streak = 0;
        int checks = 0;
        Instant firstBreach = null;
        Set<Signal> softBreached = new TreeSet<>();
        Set<Signal> streakSignals = new TreeSet<>(); // the hard signals that breached during the current streak
        while (keepGoing.getAsBoolean()) {
            Instant now = clock.instant();
            Decision d = decisions.decide(now, baseline);
            checks++;
            List<Reading> hardGaps = d.readings().stream().filter(r -> r.signal().hard() && r.isGap()).toList();
            boolean breachedSignalsUnread = hardGaps.stream().map(Reading::signal).collect(
                    java.util.stream.Collectors.toSet()).containsAll(streakSignals);
            if (d.verdict() == Verdict.ROLLBACK_IMMEDIATELY) {
                streak++;
                firstBreach = firstBreach == null ? now : firstBreach;
                d.reasons().stream().filter(Reason::hard).forEach(r -> streakSignals.add(r.signal()));
                events.accept(new WatchEvent(WatchEvent.Kind.HARD_BREACH, d, streak, needed, "hard breach " + streak
                        + "/" + needed + ": " + messages(d, true) + gapSuffix(hardGaps)));
            } else if (!hardGaps.isEmpty() && breachedSignalsUnread) {
                events.accept(new WatchEvent(WatchEvent.Kind.GAP, d, streak, needed, "cannot tell: "
                        + gaps(hardGaps) + "; not a breach, streak stays " + streak + "/" + needed));
            } else if (streak > 0) {
                events.accept(new WatchEvent(WatchEvent.Kind.STREAK_RESET, d, 0, needed, "no hard breach: the streak of "
                        + streak + " ends (needed " + needed + ")" + gapSuffix(hardGaps)));
                streak = 0;
                firstBreach = null;
                streakSignals.clear();
            } else {
                events.accept(new WatchEvent(WatchEvent.Kind.OK, d, 0, needed, "ok: " + d.verdict()));
            }
            softBreached = reportSoft(d, softBreached, streak);
            if (streak >= needed) {
                Decision decided = d.withFirstBreachAt(firstBreach);
                events.accept(new WatchEvent(WatchEvent.Kind.ROLLING_BACK, decided, streak, needed, "rolling back "
                        + d.service() + " to the healthy baseline after " + streak + " consecutive hard breaches: "
                        + messages(d, true)));
                return new Result(checks, trigger.rollBack(decided));
            }
            if (!keepGoing.getAsBoolean()) {
                break;
            }
            sleeper.sleep(interval);
        }
        return new Result(checks, null);
    }

    /** Alerts when the set of breached soft signals changes (starts, grows, shrinks, clears), not at every check. */
    private Set<Signal> reportSoft(Decision d, Set<Signal> before, int streak) {
        Set<Signal> now = new TreeSet<>();
        d.reasons().stream().filter(r -> !r.hard()).forEach(r -> now.add(r.signal()));
        if (!now.equals(before)) {
            if (now.isEmpty()) {
                events.accept(new WatchEvent(WatchEvent.Kind.SOFT_CLEARED, d, streak, needed,
                        "soft breach over for " + d.service()));
            } else {
                events.accept(new WatchEvent(WatchEvent.Kind.SOFT_ALERT, d, streak, needed, "investigate "
                        + d.service() + ": " + messages(d, false)));
            }
        }
        return now;
    }

    private static String messages(Decision d, boolean hard) {
        return String.join("; ", d.reasons().stream().filter(r -> r.hard() == hard).map(Reason::message).toList());
    }

    private static String gaps(List<Reading> gaps) {
        return String.join("; ", gaps.stream().map(r -> r.signal().label() + " " + r.gap()).toList());
    }

    private static String gapSuffix(List<Reading> gaps) {
        return gaps.isEmpty() ? "" : " (also: " + gaps(gaps) + ")";
    }
}
