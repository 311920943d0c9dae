package io.paycli.bench;

import io.paycli.agent.auth.RequestSigner;
import io.paycli.agent.client.AgentClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * One burst of signed dry-run deploy submits, all at once: one thread per bundle, every thread parked on a latch
 * until all are ready, then released together (or a fixed number of threads taking the bundles in turn, one submit
 * after another). Each thread times its own submit, from the call to the 202 answer,
 * through {@link AgentClient} as {@code paycli agent submit} sends it. Then the burst waits for every job to end,
 * asking for one job at a time in submission order (each status request is audited, so polling is kept light), and
 * takes the jobs' start and end times from the agent's own records.
 */
final class SubmitBurst {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long JOBS_DEADLINE_NANOS = TimeUnit.MINUTES.toNanos(15);

    private final URI agent;
    private final RequestSigner signer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    SubmitBurst(URI agent, RequestSigner signer) {
        this.agent = agent;
        this.signer = signer;
    }

    /**
     * @param latencyNanos each accepted submit's time to 202, sorted
     * @param submitNanos  from the release of the threads to the last 202
     * @param jobsMillis   from the first job's submission to the last one's end, by the agent's clock
     * @param states       how many jobs ended in each state
     * @param jobMillis    each job's run time (start to end), sorted
     * @param errors       submits that were not accepted, and jobs that did not succeed: what was said
     */
    record Result(long[] latencyNanos, long submitNanos, long jobsMillis, Map<String, Integer> states,
                  long[] jobMillis, List<String> errors) {
        int submits() {
            return latencyNanos.length;
        }

        /** The nearest-rank percentile of the submit latencies, in milliseconds. */
        double latencyMillis(double percentile) {
            int rank = (int) Math.ceil(percentile / 100 * latencyNanos.length);
            return latencyNanos[Math.max(0, rank - 1)] / 1e6;
        }

        double submitsPerSecond() {
            return latencyNanos.length / (submitNanos / 1e9);
        }

        double jobsPerSecond() {
            return states.values().stream().mapToInt(Integer::intValue).sum() / (jobsMillis / 1e3);
        }

        int succeeded() {
            return states.getOrDefault("SUCCEEDED", 0);
        }
    }

    /** Submits every bundle, {@code concurrency} at a time (all at once when it is the number of bundles). */
    Result run(List<byte[]> bundles, String env, String tag, int concurrency) throws InterruptedException {
        return run(bundles, env, tag, concurrency, () -> { });
    }

    /** As {@link #run(List, String, String, int)}; {@code submitted} runs after the last submit, before any poll. */
    Result run(List<byte[]> bundles, String env, String tag, int concurrency, Runnable submitted)
            throws InterruptedException {
        int n = bundles.size();
        AgentClient client = new AgentClient(agent, signer, TIMEOUT);
        String[] ids = new String[n];
        long[] latency = new long[n];
        long[] done = new long[n];
        String[] errors = new String[n];
        int senders = Math.min(concurrency, n);
        CountDownLatch ready = new CountDownLatch(senders);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            Thread t = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    for (int k = next.getAndIncrement(); k < n; k = next.getAndIncrement()) {
                        try {
                            long start = System.nanoTime();
                            ids[k] = client.submit(bundles.get(k), env, tag, true, UUID.randomUUID().toString()).id();
                            done[k] = System.nanoTime();
                            latency[k] = done[k] - start;
                        } catch (IOException | RuntimeException e) {
                            errors[k] = "submit " + k + ": " + e;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-submit-" + i);
            threads.add(t);
            t.start();
        }
        ready.await();
        long released = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        submitted.run();
        List<String> problems = new ArrayList<>(Arrays.stream(errors).filter(e -> e != null).toList());
        long[] accepted = new long[n - problems.size()];
        long last = released;
        int a = 0;
        for (int i = 0; i < n; i++) {
            if (errors[i] == null) {
                accepted[a++] = latency[i];
                last = Math.max(last, done[i]);
            }
        }
        Arrays.sort(accepted);
        return finish(ids, accepted, last - released, problems);
    }

    /** Waits for every accepted job to end, in submission order, and reads its times from the agent. */
    private Result finish(String[] ids, long[] latency, long submitNanos, List<String> problems)
            throws InterruptedException {
        Map<String, Integer> states = new TreeMap<>();
        List<Long> runs = new ArrayList<>();
        long firstSubmitted = Long.MAX_VALUE;
        long lastFinished = Long.MIN_VALUE;
        long deadline = System.nanoTime() + JOBS_DEADLINE_NANOS;
        for (String id : ids) {
            if (id == null) {
                continue;
            }
            Map<?, ?> job = status(id);
            while (!ENDED.contains(String.valueOf(job.get("state")))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("job " + id + " has not ended after "
                            + TimeUnit.NANOSECONDS.toMinutes(JOBS_DEADLINE_NANOS) + " minutes: " + job);
                }
                Thread.sleep(100);
                job = status(id);
            }
            String state = String.valueOf(job.get("state"));
            states.merge(state, 1, Integer::sum);
            if (!"SUCCEEDED".equals(state)) {
                problems.add("job " + id + " (" + job.get("app") + "): " + state + ", " + job.get("summary"));
            }
            long submitted = millis(job.get("submittedAt"));
            long started = millis(job.get("startedAt"));
            long finished = millis(job.get("finishedAt"));
            firstSubmitted = Math.min(firstSubmitted, submitted);
            lastFinished = Math.max(lastFinished, finished);
            runs.add(finished - started);
        }
        long[] jobMillis = runs.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(latency, submitNanos, lastFinished - firstSubmitted, states, jobMillis, problems);
    }

    private Map<?, ?> status(String id) throws InterruptedException {
        String path = "/api/v1/deployments/" + id;
        HttpRequest.Builder request = HttpRequest.newBuilder(agent.resolve(path)).timeout(TIMEOUT).GET();
        signer.headers("GET", path, new byte[0]).forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode() + " "
                        + response.body());
            }
            return JSON.readValue(response.body(), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + ": " + e.getMessage(), e);
        }
    }

    private static long millis(Object instant) {
        return java.time.Instant.parse(String.valueOf(instant)).toEpochMilli();
    }
}
