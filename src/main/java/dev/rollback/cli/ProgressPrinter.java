package dev.rollback.cli;

import dev.rollback.core.plan.ExecutionListener;
import dev.rollback.core.plan.StepSpec;

import java.io.PrintWriter;
import java.util.Map;

/**
 * Step-by-step lines on stderr as a rollback runs ("[2/5] ... done"), and live rollout progress on a
 * terminal (one rewritten line, at most once a second). Pipes get the step lines only.
 */
final class ProgressPrinter implements ExecutionListener {

    /** Test hook: pause before step N so a test can kill the process there (crash between two steps). */
    static final String PAUSE_ENV = "ROLLBACK_DEBUG_PAUSE_BEFORE_STEP";

    private final PrintWriter err;
    private final boolean live;
    private final int total;
    private final int pauseBefore;
    private boolean progressShown;

    ProgressPrinter(PrintWriter err, boolean live, int total, Map<String, String> env) {
        this.err = err;
        this.live = live;
        this.total = total;
        this.pauseBefore = parse(env.get(PAUSE_ENV));
    }

    @Override
    public void beforeStep(int index, StepSpec spec) {
        if (index + 1 == pauseBefore) {
            err.println("paused before step " + pauseBefore + " (" + PAUSE_ENV + ")");
            err.flush();
            sleepLong();
        }
        err.println("[" + (index + 1) + "/" + total + "] " + spec.describe());
        err.flush();
    }

    @Override
    public void applied(int index, StepSpec spec, String observed) {
        clearProgress();
        err.println("      done: " + observed);
        err.flush();
    }

    @Override
    public void failed(int index, StepSpec spec, RuntimeException error) {
        clearProgress();
        err.println("      FAILED: " + error.getMessage());
        err.flush();
    }

    @Override
    public void compensating(int index, StepSpec spec) {
        err.println("  undo [" + (index + 1) + "/" + total + "] " + spec.target() + ": back to " + spec.before());
        err.flush();
    }

    @Override
    public void compensated(int index, StepSpec spec, String observed) {
        clearProgress();
        err.println("      undone: " + observed);
        err.flush();
    }

    @Override
    public void compensationFailed(int index, StepSpec spec, RuntimeException error) {
        clearProgress();
        err.println("      UNDO FAILED: " + error.getMessage());
        err.flush();
    }

    /** Live rollout counts; only on a terminal, where a rewritten line does not litter logs. */
    void progress(String line) {
        if (!live) {
            return;
        }
        err.print("\r      " + line + "\u001B[K");
        err.flush();
        progressShown = true;
    }

    private void clearProgress() {
        if (progressShown) {
            err.print("\r\u001B[K");
            progressShown = false;
        }
    }

    private static int parse(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void sleepLong() {
        try {
            Thread.sleep(600_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
