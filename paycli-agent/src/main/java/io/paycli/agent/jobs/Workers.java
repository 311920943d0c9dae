package io.paycli.agent.jobs;

import io.paycli.agent.store.Job;
import io.paycli.agent.store.JobState;
import io.paycli.agent.store.JobStore;
import io.paycli.core.deploy.Cancellation;
import io.paycli.core.error.ExitCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fixed pool of workers that take jobs from the store, one at a time each, and run them; the store sees to it
 * that an app and environment never has two jobs running, here or in another agent on the same database. A running
 * job's heartbeat is touched while it runs, so that another replica can tell a live job from one whose agent died.
 */
public final class Workers implements AutoCloseable {
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    /**
     * A running job whose heartbeat is older than this belongs to an agent that died (with several replicas on one
     * PostgreSQL database, one that never came back): it is put back in the queue. Well above the heartbeat, the
     * replicas' clock skew and the deploy Lease's 30 s TTL, so a slow but live worker keeps its job.
     */
    static final Duration STALE = Duration.ofMinutes(2);
    private static final Duration SWEEP = Duration.ofSeconds(30);

    private final JobStore store;
    private final Handler run;
    private final String owner;
    private final int count;
    private final Duration poll;
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, Cancellation> running = new ConcurrentHashMap<>();
    private volatile boolean taking = true;
    /** Wakes the heartbeat thread when the workers stop, so that an idle agent stops at once. */
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile Finished finished = (job, end, took) -> { };

    /** Runs a claimed job to its end, writing its log as it goes; stops early when the cancellation says so. */
    @FunctionalInterface
    public interface Handler {
        JobOutcome run(Job job, Cancellation cancellation);
    }

    /** Told by the worker that ran it when a job has ended, e.g. to time it; must not throw. */
    @FunctionalInterface
    public interface Finished {
        void finished(Job job, JobState end, Duration took);
    }

    /**
     * @param run   runs a claimed job to its end (its log is written as it goes) and says how it ended
     * @param owner this agent's id in the store (a replica's own, stable across its restarts)
     * @param poll  how long an idle worker waits before it asks the store again
     */
    public Workers(JobStore store, Handler run, String owner, int count, Duration poll) {
        this.store = store;
        this.run = run;
        this.owner = owner;
        this.count = count;
        this.poll = poll;
    }

    /** Sets who is told when a job ends (one listener; none by default); call before {@link #start()}. */
    public Workers onFinished(Finished listener) {
        this.finished = listener;
        return this;
    }

    /** Puts back what this agent was running when it last stopped, then starts the workers. */
    public List<Job> start() {
        List<Job> recovered = store.recoverAfterRestart(owner);
        for (int i = 1; i <= count; i++) {
            Thread worker = new Thread(this::work, "paycli-agent-worker-" + i);
            worker.setDaemon(true);
            threads.add(worker);
            worker.start();
        }
        Thread heartbeat = new Thread(this::beat, "paycli-agent-heartbeat");
        heartbeat.setDaemon(true);
        threads.add(heartbeat);
        heartbeat.start();
        return recovered;
    }

    /** For readiness: every worker thread is alive (none died of a bug). */
    public boolean alive() {
        return !threads.isEmpty() && threads.stream().allMatch(Thread::isAlive);
    }

    /** Asks a job to stop: a waiting one ends at once (by the store), a running one takes the engine's stop path. */
    public Optional<Job> cancel(String jobId, String by) {
        Optional<Job> job = store.requestCancel(jobId);
        Cancellation here = running.get(jobId);
        if (here != null) {
            here.cancel("cancelled by " + by);
        }
        return job;
    }

    private void work() {
        while (taking) {
            Optional<Job> claimed = store.claim(owner);
            if (claimed.isEmpty()) {
                sleep(poll);
                continue;
            }
            Job job = claimed.get();
            Cancellation cancellation = new Cancellation();
            running.put(job.id(), cancellation);
            if (job.cancelRequested()) {
                cancellation.cancel("cancelled before it started");
            }
            JobOutcome outcome;
            long started = System.nanoTime();
            try {
                outcome = run.run(job, cancellation);
            } catch (RuntimeException e) {
                outcome = new JobOutcome(ExitCodes.INTERNAL, "internal error: " + e);
            } finally {
                running.remove(job.id());
            }
            JobState end = outcome.succeeded() ? JobState.SUCCEEDED
                    : cancellation.cancelled() ? JobState.CANCELLED : JobState.FAILED;
            // Told before the store, so that whoever sees the job ended also sees it counted.
            finished.finished(job, end, Duration.ofNanos(System.nanoTime() - started));
            store.finish(job.id(), owner, end, outcome.exitCode());
        }
    }

    private void beat() {
        long sweptAt = System.nanoTime();
        while (taking || !running.isEmpty()) {
            running.keySet().forEach(id -> store.heartbeat(id, owner));
            if (taking && System.nanoTime() - sweptAt > SWEEP.toNanos()) {
                store.requeueStale(STALE);
                sweptAt = System.nanoTime();
            }
            if (taking) {
                await(stopping, HEARTBEAT);
            } else {
                sleep(HEARTBEAT); // running jobs still need their heartbeat while they finish
            }
        }
    }

    private static void await(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops taking jobs and waits up to {@code grace} for the running ones; a job still running then is marked
     * INTERRUPTED and waits in its place in the queue, to run again at the next start (of this agent or, on
     * PostgreSQL, of another): the deploy Lease and the release record make the rerun idempotent.
     *
     * @return the ids of the jobs left running
     */
    public List<String> stop(Duration grace) {
        taking = false;
        stopping.countDown();
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        List<String> left = List.copyOf(running.keySet());
        if (!left.isEmpty()) {
            store.recoverAfterRestart(owner);
        }
        return left;
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
