package io.paycli.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Claimers racing over one queue: every job is claimed exactly once, never two jobs of one app and environment run
 * at once, and each pair's jobs run in submission order.
 */
class JobStoreRaceTest {
    /** Claims that find nothing in a row before a claimer gives up on a queue that still has work: a hang guard. */
    private static final int MAX_IDLE_CLAIMS = 20_000;

    @TempDir
    Path dir;
    private TestDatabases databases;

    @AfterEach
    void close() {
        databases.close();
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void parallelClaimersTakeEachJobOnceAndOnePerPairAtATime(Database.Kind kind) throws Exception {
        databases = new TestDatabases(dir);
        JobStore store = new JobStore(databases.fresh(kind));
        List<Job> jobs = submit(store, 20, 5);

        Race race = new Race(jobs.size());
        race.run(List.of(store, store, store, store, store, store));

        race.assertEachClaimedOnceInOrder(jobs);
        assertThat(store.countByState()).containsEntry(JobState.SUCCEEDED, 20L);
    }

    @Test
    void twoAgentsWithTheirOwnPoolsOnOnePostgresqlDatabaseTakeEachJobOnce() throws Exception {
        databases = new TestDatabases(dir);
        String url = databases.freshUrl(Database.Kind.POSTGRESQL);
        JobStore agentA = new JobStore(databases.open(url));
        JobStore agentB = new JobStore(databases.open(url));
        List<Job> jobs = submit(agentA, 50, 10);

        Race race = new Race(jobs.size());
        race.run(List.of(agentA, agentA, agentA, agentB, agentB, agentB));

        race.assertEachClaimedOnceInOrder(jobs);
        assertThat(race.claimsByStore.get(agentA).get() + race.claimsByStore.get(agentB).get()).isEqualTo(50);
        assertThat(agentB.countByState()).containsEntry(JobState.SUCCEEDED, 50L);
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void retriesWithOneIdempotencyKeyAtOnceMakeOneJob(Database.Kind kind) throws Exception {
        databases = new TestDatabases(dir);
        JobStore store = new JobStore(databases.fresh(kind));
        NewJob request = new NewJob("ci", "web", "beta", "1", JobKind.DEPLOY, "build-9", "/b/1");

        List<String> ids = inParallel(8, i -> store.submit(request).id());

        assertThat(ids).hasSize(8).containsOnly(ids.get(0));
        assertThat(store.list(JobFilter.all(10))).extracting(Job::id).containsExactly(ids.get(0));
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void linesAppendedToOneJobAtOnceGetDistinctGaplessNumbers(Database.Kind kind) throws Exception {
        databases = new TestDatabases(dir);
        JobStore store = new JobStore(databases.fresh(kind));
        Job job = store.submit(new NewJob("ci", "web", "beta", "1", JobKind.DEPLOY, null, "/b/1"));

        List<Long> sequences = inParallel(6, i -> {
            List<Long> mine = new ArrayList<>();
            for (int line = 0; line < 20; line++) {
                mine.add(store.appendLog(job.id(), "worker " + i + " line " + line));
            }
            return mine;
        }).stream().flatMap(List::stream).toList();

        assertThat(sequences).hasSize(120).doesNotHaveDuplicates().allMatch(n -> n >= 1 && n <= 120);
        List<LogLine> log = store.readLog(job.id(), 0, 1000);
        assertThat(log).extracting(LogLine::sequence).containsExactlyElementsOf(
                LongStream.rangeClosed(1, 120).boxed().toList());
        // Each worker's own lines keep their order.
        for (int i = 0; i < 6; i++) {
            String prefix = "worker " + i + " line ";
            assertThat(log.stream().map(LogLine::line).filter(l -> l.startsWith(prefix)).toList())
                    .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(n -> prefix + n)
                            .toList());
        }
    }

    /** Runs {@code task} on {@code threads} threads released together, and returns their results. */
    private static <T> List<T> inParallel(int threads, IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.apply(n);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code count} jobs over {@code pairs} app/env pairs, interleaved so each pair has several queued. */
    private static List<Job> submit(JobStore store, int count, int pairs) {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int pair = i % pairs;
            jobs.add(store.submit(new NewJob("ci", "app-" + pair, pair % 2 == 0 ? "beta" : "release",
                    Integer.toString(i), JobKind.DEPLOY, null, "/b/" + i)));
        }
        return jobs;
    }

    /** Claimer threads, each claiming, "running" and finishing jobs until all are done. */
    private static final class Race {
        private final int total;
        private final AtomicInteger finished = new AtomicInteger();
        private final Map<String, String> runningByPair = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> claimsById = new ConcurrentHashMap<>();
        private final Map<JobStore, AtomicInteger> claimsByStore = new ConcurrentHashMap<>();
        private final Map<String, List<String>> tagsByPair = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<String> overlaps = new ConcurrentLinkedQueue<>();

        Race(int total) {
            this.total = total;
        }

        void run(List<JobStore> claimers) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(claimers.size());
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < claimers.size(); i++) {
                    JobStore store = claimers.get(i);
                    claimsByStore.putIfAbsent(store, new AtomicInteger());
                    String owner = "agent-" + System.identityHashCode(store) + "-worker-" + i;
                    done.add(pool.submit(() -> {
                        start.await();
                        claimUntilDone(store, owner);
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }

        private void claimUntilDone(JobStore store, String owner) {
            int idle = 0;
            while (finished.get() < total) {
                Optional<Job> claimed = store.claim(owner);
                if (claimed.isEmpty()) {
                    if (++idle > MAX_IDLE_CLAIMS) {
                        throw new AssertionError(owner + " found nothing to claim " + idle + " times with "
                                + (total - finished.get()) + " jobs unfinished");
                    }
                    pause();
                    continue;
                }
                idle = 0;
                Job job = claimed.get();
                String pair = job.app() + "/" + job.env();
                claimsById.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
                claimsByStore.get(store).incrementAndGet();
                String other = runningByPair.putIfAbsent(pair, job.id());
                if (other != null) {
                    overlaps.add(pair + ": " + job.id() + " claimed while " + other + " ran");
                }
                tagsByPair.computeIfAbsent(pair, p -> Collections.synchronizedList(new ArrayList<>())).add(job.tag());
                store.appendLog(job.id(), "deploying " + job.tag());
                // Leave the pair before the database does, so the next claimer of the pair finds it free here too.
                runningByPair.remove(pair, job.id());
                if (!store.finish(job.id(), owner, JobState.SUCCEEDED, 0)) {
                    overlaps.add(job.id() + ": " + owner + " claimed it but could not finish it");
                }
                finished.incrementAndGet();
            }
        }

        /** A worker polls; a short pause keeps idle claimers from crowding out the ones finishing jobs. */
        private static void pause() {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        void assertEachClaimedOnceInOrder(List<Job> jobs) {
            assertThat(claimsById.values()).as("claims per job").allMatch(n -> n.get() == 1, "claimed exactly once");
            assertThat(overlaps).as("two runs of one pair or of one job at once").isEmpty();
            assertThat(claimsById.keySet()).containsExactlyInAnyOrderElementsOf(jobs.stream().map(Job::id).toList());
            for (Map.Entry<String, List<String>> pair : tagsByPair.entrySet()) {
                List<String> submitted = jobs.stream().filter(j -> pair.getKey().equals(j.app() + "/" + j.env()))
                        .map(Job::tag).toList();
                assertThat(pair.getValue()).as("run order of " + pair.getKey()).containsExactlyElementsOf(submitted);
            }
        }
    }
}
