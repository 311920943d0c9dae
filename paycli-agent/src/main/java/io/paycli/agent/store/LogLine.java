package io.paycli.agent.store;

import java.time.Instant;

/**
 * One line of a job's log.
 *
 * @param sequence 1 for the job's first line, then one more per line: an SSE event id, so that a client that
 *                 reconnects with Last-Event-ID gets the lines after it
 */
public record LogLine(long sequence, Instant time, String line) {
}
