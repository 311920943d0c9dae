package io.paycli.agent.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.agent.store.Database;
import io.paycli.agent.store.Job;
import io.paycli.agent.store.JobKind;
import io.paycli.agent.store.JobState;
import io.paycli.agent.store.JobStore;
import io.paycli.agent.store.NewJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker pool over a real SQLite store: parallel across pairs, serial within one, failures, cancel, stop. */
class WorkersTest {
    @TempDir
    Path tmp;

    private Database database;
    private JobStore store;
    private Workers workers;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:sqlite:" + tmp.resolve("agent.db"));
        store = new JobStore(database);
    }

    @AfterEach
    void close() {
        if (workers != null) {
            workers.stop(Duration.ofSeconds(5));
        }
        database.close();
    }

    private Job submit(String app, String env) {
        return store.submit(new NewJob("ci", app, env, "1.0.0", JobKind.DEPLOY, null, tmp.toString()));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not reached in 20 s");
            }
            Thread.sleep(20);
        }
    }

    private boolean allEnded(List<Job> jobs) {
        return jobs.stream().allMatch(j -> store.get(j.id()).orElseThrow().state().isFinal());
    }

    @Test
    void workersRunPairsInParallelAndEachPairOneJobAtATime() throws Exception {
        Map<String, AtomicInteger> runningPerPair = new ConcurrentHashMap<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger pairOverlap = new AtomicInteger();
        workers = new Workers(store, (job, cancellation) -> {
            AtomicInteger pair = runningPerPair.computeIfAbsent(job.app() + "/" + job.env(), k -> new AtomicInteger());
            if (pair.incrementAndGet() > 1) {
                pairOverlap.incrementAndGet();
            }
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            pair.decrementAndGet();
            store.appendLog(job.id(), "ran " + job.app());
            return new JobOutcome(0, "ok");
        }, "agent-a", 3, Duration.ofMillis(20));
        List<Job> jobs = List.of(submit("a", "beta"), submit("a", "beta"), submit("b", "beta"), submit("b", "beta"),
                submit("c", "beta"), submit("c", "beta"));

        workers.start();
        await(() -> allEnded(jobs));

        assertThat(jobs).allSatisfy(j -> {
            Job done = store.get(j.id()).orElseThrow();
            assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(done.exitCode()).isZero();
            assertThat(store.readLog(j.id(), 0, 10)).extracting(l -> l.line()).containsExactly("ran " + j.app());
        });
        assertThat(pairOverlap.get()).as("two jobs of one app and env at once").isZero();
        assertThat(mostAtOnce.get()).as("three pairs, three workers").isGreaterThan(1);
        assertThat(workers.alive()).isTrue();
    }

    @Test
    void aFailedJobAndABuggyOneEndFailedAndTheWorkerGoesOn() throws Exception {
        workers = new Workers(store, (job, cancellation) -> {
            if (job.app().equals("buggy")) {
                throw new IllegalStateException("a bug");
            }
            return new JobOutcome(5, "not healthy");
        }, "agent-a", 1, Duration.ofMillis(20));
        List<Job> jobs = List.of(submit("buggy", "beta"), submit("failing", "beta"));

        workers.start();
        await(() -> allEnded(jobs));

        assertThat(store.get(jobs.get(0).id()).orElseThrow()).extracting(Job::state, Job::exitCode)
                .containsExactly(JobState.FAILED, 1);
        assertThat(store.get(jobs.get(1).id()).orElseThrow()).extracting(Job::state, Job::exitCode)
                .containsExactly(JobState.FAILED, 5);
        assertThat(workers.alive()).isTrue();
    }

    @Test
    void cancellingARunningJobStopsItAndItEndsCancelled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        workers = new Workers(store, (job, cancellation) -> {
            started.countDown();
            while (!cancellation.cancelled()) {
                Thread.onSpinWait();
            }
            return new JobOutcome(5, cancellation.reason());
        }, "agent-a", 1, Duration.ofMillis(20));
        Job job = submit("web", "beta");
        workers.start();
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

        workers.cancel(job.id(), "ci-settlement");
        await(() -> allEnded(List.of(job)));

        assertThat(store.get(job.id()).orElseThrow()).extracting(Job::state, Job::exitCode)
                .containsExactly(JobState.CANCELLED, 5);
    }

    @Test
    void aJobStillRunningWhenTheGraceEndsWaitsToRunAgain() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        workers = new Workers(store, (job, cancellation) -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new JobOutcome(0, "ok");
        }, "agent-a", 1, Duration.ofMillis(20));
        Job job = submit("web", "beta");
        workers.start();
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

        List<String> left = workers.stop(Duration.ofMillis(300));
        release.countDown();

        assertThat(left).containsExactly(job.id());
        assertThat(store.get(job.id()).orElseThrow().state()).isEqualTo(JobState.INTERRUPTED);
        workers = null;
    }
}
