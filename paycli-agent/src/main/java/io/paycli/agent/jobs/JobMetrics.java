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
 * The job meters on /metrics: how long jobs take by kind and outcome, how many jobs are in each state and how many
 * wait to run. The counts are read from the store at each scrape, so they are the same whichever replica is
 * scraped.
 */
public final class JobMetrics implements Workers.Finished {
    static final String DURATION = "paycli.agent.job.duration";
    static final String QUEUE_DEPTH = "paycli.agent.queue.depth";
    static final String BY_STATE = "paycli.agent.jobs";

    private final MeterRegistry meters;

    private JobMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Registers the gauges of jobs by state and of the queue depth, and times every job {@code workers} finishes. */
    public static void bind(MeterRegistry meters, JobStore jobs, Workers workers) {
        for (JobState state : JobState.values()) {
            Gauge.builder(BY_STATE, jobs, j -> j.countByState().getOrDefault(state, 0L))
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .description("jobs in the queue and its history, by state").register(meters);
        }
        Gauge.builder(QUEUE_DEPTH, jobs, j -> j.countByState().entrySet().stream()
                        .filter(e -> e.getKey().isWaiting()).mapToLong(Map.Entry::getValue).sum())
                .description("jobs waiting to run: queued, or interrupted and queued again").register(meters);
        workers.onFinished(new JobMetrics(meters));
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
