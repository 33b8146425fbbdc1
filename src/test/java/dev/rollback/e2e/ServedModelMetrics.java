package dev.rollback.e2e;

import dev.rollback.testsupport.mlflow.RecsysScenario;
import dev.rollback.testsupport.prometheus.ScrapeTarget;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the model server's metrics exporter: every 200 ms it reads which model the stack's Deployment serves and
 * exposes that version's numbers on a {@link ScrapeTarget} that a real Prometheus scrapes — {@code recsys_error_rate}
 * (0.30 on v7 when {@code errorsOnV7}, else 0.01) and {@code recsys_diversity} (the version's run metric from the
 * 2 AM scenario: v7 0.04, v5 0.73). So a bad release and its rollback show up in Prometheus as they would in a
 * cluster, a scrape or two later.
 */
public final class ServedModelMetrics implements AutoCloseable {

    private final ScheduledExecutorService exporter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "served-model-metrics");
        t.setDaemon(true);
        return t;
    });

    public ServedModelMetrics(RollbackStack stack, ScrapeTarget target, boolean errorsOnV7) {
        exporter.scheduleWithFixedDelay(() -> {
            try {
                String served = stack.servedReference();
                String version = served.substring(served.lastIndexOf('/') + 1);
                target.set("recsys_error_rate", errorsOnV7 && version.equals("7") ? 0.30 : 0.01);
                target.set("recsys_diversity", RecsysScenario.DIVERSITY.getOrDefault(version, 0.0));
            } catch (RuntimeException e) {
                // the API server was busy: the next tick tries again, as a real exporter would
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        exporter.shutdownNow();
    }
}
