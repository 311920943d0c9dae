package io.paycli.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.ClusterException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The promises of a parallel step: results in order, the first failure in order, nothing left running. */
class RequestThreadsTest {

    private final RequestThreads threads = new RequestThreads();
    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void close() {
        threads.close();
    }

    @Test
    void theFailureThrownIsTheFirstInOrderAndPiecesNotStartedAfterItAreSkipped() {
        CountDownLatch failed = new CountDownLatch(1);
        List<Supplier<String>> work = new ArrayList<>();
        work.add(() -> "fine");
        // Held until the piece after it failed: the later failure, first in time, is not the one reported.
        work.add(() -> {
            await(failed, 10);
            ran.add("first");
            throw new ClusterException("first failed");
        });
        work.add(() -> {
            ran.add("second");
            failed.countDown();
            throw new ClusterException("second failed");
        });
        // More pieces than threads: the last ones start only once a thread is free, after a failure before them.
        for (int i = 3; i < RequestThreads.THREADS + 4; i++) {
            int index = i;
            work.add(() -> {
                ran.add("piece " + index);
                return "piece " + index;
            });
        }

        assertThatThrownBy(() -> threads.all(work)).hasMessage("first failed");
        assertThat(ran).contains("first", "second").doesNotContain("piece " + (RequestThreads.THREADS + 3));
    }

    @Test
    void anInterruptedCallerWaitsForWhatItStartedAndSkipsTheRest() throws Exception {
        CountDownLatch sent = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean endedBeforeReturn = new AtomicBoolean();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        List<Supplier<String>> work = new ArrayList<>();
        work.add(() -> "caller's own");
        // Every thread busy for a while (as with slow requests), so the pieces after them start only after the
        // interrupt was seen.
        work.add(() -> {
            sent.countDown();
            await(never, 3);
            ran.add("held");
            return "held";
        });
        for (int i = 2; i <= RequestThreads.THREADS; i++) {
            work.add(() -> {
                await(never, 3);
                return "busy";
            });
        }
        work.add(() -> {
            ran.add("not started before the interrupt");
            return "late";
        });
        Thread caller = new Thread(() -> {
            try {
                threads.all(work);
            } catch (RuntimeException e) {
                thrown.set(e);
            }
            endedBeforeReturn.set(ran.contains("held"));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join();

        assertThat(endedBeforeReturn).as("the held piece ended before the call returned").isTrue();
        assertThat(ran).doesNotContain("not started before the interrupt");
        assertThat(thrown.get()).isInstanceOf(ClusterException.class).hasMessageContaining("interrupted");
        assertThat(stillInterrupted).isTrue();
    }

    @Test
    void workWithinWorkRunsOnTheSameThreadInsteadOfWaitingForAFreeOne() throws Exception {
        List<Supplier<List<String>>> outer = new ArrayList<>();
        for (int i = 0; i < RequestThreads.THREADS + 1; i++) {
            int index = i;
            outer.add(() -> threads.all(List.<Supplier<String>>of(() -> index + "a", () -> index + "b")));
        }

        AtomicReference<List<List<String>>> answer = new AtomicReference<>();
        Thread caller = new Thread(() -> answer.set(threads.all(outer)));
        caller.setDaemon(true);
        caller.start();
        caller.join(TimeUnit.SECONDS.toMillis(10));

        // Had the inner pieces been queued, every thread would be waiting for a queue none of them can serve.
        assertThat(answer.get()).as("no deadlock").isNotNull();
        List<List<String>> results = answer.get();
        assertThat(results).hasSize(RequestThreads.THREADS + 1).allSatisfy(r -> assertThat(r).hasSize(2));
        assertThat(results.get(2)).containsExactly("2a", "2b");
    }

    private static void await(CountDownLatch latch, long seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
