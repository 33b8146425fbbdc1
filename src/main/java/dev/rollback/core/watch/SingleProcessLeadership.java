package dev.rollback.core.watch;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * No cluster to elect a leader in (a service without serving, or a watch run by hand): this process is the only
 * watcher, so it leads until stopped. Two such processes for one service would both act; the rollback lock still
 * keeps their rollbacks from overlapping.
 */
public final class SingleProcessLeadership implements Leadership {

    private volatile boolean stopping;

    @Override
    public void run(Consumer<BooleanSupplier> leaderWork) {
        if (!stopping) {
            leaderWork.accept(() -> !stopping);
        }
    }

    @Override
    public void stop() {
        stopping = true;
    }
}
