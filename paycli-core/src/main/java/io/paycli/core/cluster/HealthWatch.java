package io.paycli.core.cluster;

import io.paycli.core.model.ObjectRef;
import java.util.List;
import java.util.function.Consumer;

/**
 * The watches of a wait, started before the wait begins ({@link ClusterGateway#watchHealth}): their list and watch
 * requests go out while the caller still applies and prunes, and the wait follows the rollout from its start. A
 * wait ({@link ClusterGateway#awaitHealthy(HealthWatch, java.time.Instant, WaitRules, java.util.function.Consumer,
 * Runnable)}) takes it over and closes it; whoever does not wait after all closes it.
 */
public final class HealthWatch implements AutoCloseable {
    private final List<ObjectRef> objects;
    private final Signal signal;
    private final WaitWatches watches;
    private final Consumer<HealthWatch> onClose;

    /** Nothing started yet: the wait starts its own watches. */
    static HealthWatch deferred(List<ObjectRef> objects) {
        return new HealthWatch(objects, null, null, closed -> { });
    }

    HealthWatch(List<ObjectRef> objects, Signal signal, WaitWatches watches, Consumer<HealthWatch> onClose) {
        this.objects = List.copyOf(objects);
        this.signal = signal;
        this.watches = watches;
        this.onClose = onClose;
    }

    /** The objects the wait is for. */
    public List<ObjectRef> objects() {
        return objects;
    }

    Signal signal() {
        return signal;
    }

    /** Null when nothing was started. */
    WaitWatches watches() {
        return watches;
    }

    @Override
    public void close() {
        if (watches != null) {
            watches.close();
        }
        onClose.accept(this);
    }
}
