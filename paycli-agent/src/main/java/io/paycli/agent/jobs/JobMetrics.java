package io.paycli.agent.jobs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.paycli.agent.store.Job;
import io.paycli.agent.store.JobState;
import io.paycli.agent.store.JobStore;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The job meters on /metrics: how long jobs take by kind and outcome, and how many wait to run. The queue depth is
 * read from the store at each scrape, so it is the same whichever replica is scraped.
 */
public final class JobMetrics implements Workers.Finished {
    static final String DURATION = "paycli.agent.job.duration";
    static final String QUEUE_DEPTH = "paycli.agent.queue.depth";

    private final MeterRegistry meters;

    private JobMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Registers the queue depth gauge and times every job {@code workers} finishes. */
    public static void bind(MeterRegistry meters, JobStore jobs, Workers workers) {
        Gauge.builder(QUEUE_DEPTH, jobs, JobMetrics::waiting)
                .description("jobs waiting to run: queued, or interrupted and queued again").register(meters);
        workers.onFinished(new JobMetrics(meters));
    }

    private static double waiting(JobStore jobs) {
        return jobs.countByState().entrySet().stream().filter(e -> e.getKey().isWaiting())
                .mapToLong(Map.Entry::getValue).sum();
    }

    @Override
    public void finished(Job job, JobState end, Duration took) {
        Timer.builder(DURATION)
                .description("how long a job ran, from its claim to its end")
                .tag("kind", job.kind().name().toLowerCase(Locale.ROOT))
                .tag("outcome", end.name().toLowerCase(Locale.ROOT))
                .register(meters).record(took);
    }
}
