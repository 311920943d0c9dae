package io.paycli.agent.jobs;

import io.paycli.agent.store.JobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A running job's log, written to the store in batches: every 100 ms, or at 500 lines, and at the end. A deploy
 * writes a line per step and the whole YAML it applies, a few hundred lines in a second or two; a transaction per
 * line would be a disk sync per line on SQLite, each holding the one write lock that submits wait for. A follower
 * of the log (it polls) sees the lines at most 100 ms later; an agent killed mid-job loses at most those.
 */
final class BufferedLog implements Consumer<String>, AutoCloseable {
    static final long FLUSH_MILLIS = 100;
    private static final int MAX_BATCH = 500;
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "paycli-agent-log-flusher");
        t.setDaemon(true);
        return t;
    });

    private final JobStore store;
    private final String jobId;
    private final List<String> pending = new ArrayList<>();
    private final ScheduledFuture<?> timer;

    BufferedLog(JobStore store, String jobId) {
        this.store = store;
        this.jobId = jobId;
        this.timer = FLUSHER.scheduleWithFixedDelay(this::flushQuietly, FLUSH_MILLIS, FLUSH_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void accept(String line) {
        pending.add(line);
        if (pending.size() >= MAX_BATCH) {
            flush();
        }
    }

    synchronized void flush() {
        if (!pending.isEmpty()) {
            List<String> batch = List.copyOf(pending);
            pending.clear();
            store.appendLog(jobId, batch);
        }
    }

    /** The timer's flush: a failure (the database away for a moment) is retried by the next flush. */
    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            // The lines went with the failed batch; the job's outcome still reaches the store at its end.
        }
    }

    /** Writes what is left; the job's end must not be recorded before its last lines. */
    @Override
    public void close() {
        timer.cancel(false);
        flush();
    }
}
