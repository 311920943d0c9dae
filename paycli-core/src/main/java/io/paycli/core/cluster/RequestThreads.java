package io.paycli.core.cluster;

import io.paycli.core.error.ClusterException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A few threads of one client, for requests that do not depend on one another: sent at once, each waits for its own
 * answer. The calling thread runs the first piece of work itself, so two requests cost one extra thread, not two.
 * <p>
 * What {@link #all} promises keeps a parallel step as predictable as a sequential one: it returns only when nothing
 * it started still runs (no request of a step is in flight once the caller goes on, to a rollback say); work not
 * started yet is skipped once an earlier piece failed, as a loop would not have reached it; and the failure thrown
 * is that of the first piece, in the given order, that failed, whichever failed first in time.
 */
final class RequestThreads implements AutoCloseable {

    /** Requests at once per client: enough for the objects of one apply group, few enough for a small server. */
    static final int THREADS = 4;
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final ThreadPoolExecutor pool;
    private final String prefix = "paycli-requests-" + CLIENTS.incrementAndGet() + "-";

    RequestThreads() {
        AtomicInteger threads = new AtomicInteger();
        pool = new ThreadPoolExecutor(THREADS, THREADS, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, prefix + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // Idle threads end: a gateway kept open (a restore worker) holds none between deploys.
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs every piece of work and returns the results in the given order. Called from one of these threads (work
     * within work), it runs them one after another instead, so the threads can never all wait for each other.
     */
    <T> List<T> all(List<? extends Supplier<? extends T>> work) {
        if (work.size() <= 1 || isOurs(Thread.currentThread())) {
            List<T> results = new ArrayList<>(work.size());
            work.forEach(w -> results.add(w.get()));
            return results;
        }
        Step<T> step = new Step<>(work.size());
        List<Future<?>> started = new ArrayList<>();
        for (int i = 1; i < work.size(); i++) {
            int index = i;
            started.add(pool.submit(() -> step.run(index, work.get(index))));
        }
        step.run(0, work.get(0));
        boolean interrupted = false;
        for (Future<?> future : started) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (InterruptedException e) {
                    // Not abandoned: a request already sent is waited for, so none is in flight on return.
                    interrupted = true;
                    step.stop();
                } catch (ExecutionException e) {
                    break; // step.run catches everything; nothing gets here
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return step.results();
    }

    private boolean isOurs(Thread thread) {
        return thread.getName().startsWith(prefix);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** The state of one call of {@link #all}. */
    private static final class Step<T> {
        private final Object[] results;
        private final RuntimeException[] failures;
        private final Error[] errors;
        /** The lowest index that failed so far; work after it that has not started is skipped. */
        private final AtomicInteger firstFailed = new AtomicInteger(Integer.MAX_VALUE);
        private volatile boolean stopped;
        /** Work skipped because the caller was interrupted, not because an earlier piece failed. */
        private volatile boolean skipped;

        Step(int size) {
            results = new Object[size];
            failures = new RuntimeException[size];
            errors = new Error[size];
        }

        void run(int index, Supplier<? extends T> work) {
            if (firstFailed.get() < index) {
                return;
            }
            if (stopped) {
                skipped = true;
                return;
            }
            try {
                results[index] = work.get();
            } catch (RuntimeException e) {
                failures[index] = e;
                firstFailed.accumulateAndGet(index, Math::min);
            } catch (Error e) {
                errors[index] = e;
                firstFailed.accumulateAndGet(index, Math::min);
            }
        }

        void stop() {
            stopped = true;
        }

        /** Called once every started piece ended (the futures' completion makes their writes visible). */
        @SuppressWarnings("unchecked")
        List<T> results() {
            int first = firstFailed.get();
            if (first != Integer.MAX_VALUE) {
                if (errors[first] != null) {
                    throw errors[first];
                }
                throw failures[first];
            }
            if (skipped) {
                throw new ClusterException("interrupted while sending requests to the API server");
            }
            List<T> out = new ArrayList<>(results.length);
            for (Object result : results) {
                out.add((T) result);
            }
            return out;
        }
    }
}
