package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.model.DeployEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Pieces of one step run at once ({@link ClusterGateway#concurrently}), told as if they had run one after another:
 * each tells its events to a buffer of its own, and once none runs any more, the events and results of the pieces
 * go on in the given order, up to the first that failed, whose failure is then thrown. The shared consumer is only
 * ever called from the caller's thread.
 */
final class ToldInOrder {
    private ToldInOrder() {
    }

    /**
     * @param work each piece, given where to tell its events
     * @param done takes each result in order, after the events of its piece
     */
    static <T> void run(ClusterGateway cluster, List<Function<Consumer<DeployEvent>, T>> work,
                        Consumer<DeployEvent> events, Consumer<T> done) {
        AtomicReferenceArray<T> results = new AtomicReferenceArray<>(work.size());
        List<List<DeployEvent>> told = new ArrayList<>();
        List<Supplier<T>> pieces = new ArrayList<>();
        for (int i = 0; i < work.size(); i++) {
            int index = i;
            List<DeployEvent> own = new CopyOnWriteArrayList<>();
            told.add(own);
            pieces.add(() -> {
                T result = work.get(index).apply(own::add);
                results.set(index, result);
                return result;
            });
        }
        try {
            cluster.concurrently(pieces);
        } finally {
            for (int i = 0; i < work.size(); i++) {
                told.get(i).forEach(events);
                T result = results.get(i);
                if (result == null) {
                    break; // the first that failed (its failure is being thrown), or skipped after it
                }
                done.accept(result);
            }
        }
    }
}
