package io.paycli.agent.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.paycli.agent.store.Database;
import io.paycli.agent.store.Job;
import io.paycli.agent.store.JobKind;
import io.paycli.agent.store.JobStore;
import io.paycli.agent.store.NewJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue depth and the job timer as Prometheus shows them, over a real SQLite store and real workers. */
class JobMetricsTest {
    @TempDir
    Path tmp;

    private Database database;
    private JobStore store;
    private Workers workers;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

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

    private Job submit(String app) {
        return store.submit(new NewJob("ci", app, "beta", "1.0.0", JobKind.DEPLOY, null, tmp.toString()));
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

    @Test
    void theQueueDepthCountsTheJobsWaitingToRun() {
        workers = new Workers(store, (job, cancellation) -> new JobOutcome(0, "ok"), "agent-a", 1,
                Duration.ofMillis(20));
        JobMetrics.bind(meters, store, workers);
        assertThat(meters.scrape()).contains("paycli_agent_queue_depth 0.0");

        submit("web");
        submit("api");
        assertThat(meters.scrape()).contains("paycli_agent_queue_depth 2.0");

        store.claim("agent-b");
        assertThat(meters.scrape()).contains("paycli_agent_queue_depth 1.0");
    }

    @Test
    void everyEndedJobIsTimedByKindAndOutcome() throws InterruptedException {
        workers = new Workers(store, (job, cancellation) -> {
            if (job.app().equals("cancelled")) {
                cancellation.cancel("cancelled by test");
            }
            return new JobOutcome(job.app().equals("ok") ? 0 : 5, job.app());
        }, "agent-a", 2, Duration.ofMillis(20));
        JobMetrics.bind(meters, store, workers);
        Job ok = submit("ok");
        Job failed = submit("failed");
        Job cancelled = submit("cancelled");
        workers.start();

        await(() -> java.util.stream.Stream.of(ok, failed, cancelled)
                .allMatch(j -> store.get(j.id()).orElseThrow().state().isFinal()));

        String scrape = meters.scrape();
        assertThat(scrape)
                .contains("paycli_agent_job_duration_seconds_count{kind=\"deploy\",outcome=\"succeeded\"} 1")
                .contains("paycli_agent_job_duration_seconds_count{kind=\"deploy\",outcome=\"failed\"} 1")
                .contains("paycli_agent_job_duration_seconds_count{kind=\"deploy\",outcome=\"cancelled\"} 1");
    }
}
