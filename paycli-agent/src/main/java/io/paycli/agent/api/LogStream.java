package io.paycli.agent.api;

import io.javalin.http.sse.SseClient;
import io.paycli.agent.store.Job;
import io.paycli.agent.store.JobStore;
import io.paycli.agent.store.LogLine;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A job's log as Server-Sent Events: each line an event {@code line} whose id is its number, so a client that lost
 * the connection resumes with {@code Last-Event-ID} and misses nothing; then, once the job has ended and every
 * line is sent, one event {@code end} with the state and exit code. Lines are read from the store, so the stream
 * is the same whichever agent replica runs the job.
 */
final class LogStream {
    private static final int PAGE = 500;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final JobStore jobs;

    LogStream(JobStore jobs) {
        this.jobs = jobs;
    }

    static long after(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(lastEventId.strip()));
        } catch (NumberFormatException e) {
            throw new ApiError(400, "bad-request", "Last-Event-ID must be a line number, not " + lastEventId);
        }
    }

    void stream(SseClient sse, String jobId, long after) {
        long sent = after;
        long quietSince = System.nanoTime();
        while (!sse.terminated()) {
            // Read the state before the lines: a job that ended has written its last line before it ended.
            Job job = jobs.get(jobId).orElseThrow();
            List<LogLine> lines = jobs.readLog(jobId, sent, PAGE);
            for (LogLine line : lines) {
                sse.sendEvent("line", line.line(), String.valueOf(line.sequence()));
                sent = line.sequence();
            }
            if (lines.size() == PAGE) {
                continue;
            }
            if (job.state().isFinal()) {
                sse.sendEvent("end", Map.of("state", job.state().name(), "exitCode", job.exitCode()),
                        String.valueOf(sent));
                break;
            }
            if (!lines.isEmpty()) {
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > KEEP_ALIVE.toNanos()) {
                sse.sendComment("keep-alive");
                quietSince = System.nanoTime();
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sse.close();
    }
}
