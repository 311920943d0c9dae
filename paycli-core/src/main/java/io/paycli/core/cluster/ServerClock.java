package io.paycli.core.cluster;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The API server's clock, read from the Date header of its answers and carried forward on this machine's
 * monotonic clock. Times that two deployers compare (a Lease's age) are judged by this clock, never by either
 * machine's wall clock, which may be minutes off. The header has whole seconds, so readings are up to a second
 * early.
 */
final class ServerClock implements Interceptor {

    private record Reading(Instant server, long nanos) {
    }

    private volatile Reading last;

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        read(response);
    }

    @Override
    public CompletableFuture<Boolean> afterFailure(BasicBuilder builder, HttpResponse<?> response, RequestTags tags) {
        read(response);
        return CompletableFuture.completedFuture(false);
    }

    /** The server's time now, or null before any answer carried a Date. */
    Instant now() {
        Reading reading = last;
        return reading == null ? null : reading.server().plusNanos(System.nanoTime() - reading.nanos());
    }

    private void read(HttpResponse<?> response) {
        String date = response.header("Date");
        if (date == null) {
            return;
        }
        try {
            Instant server = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            last = new Reading(server, System.nanoTime());
        } catch (DateTimeParseException e) {
            // A proxy in between may rewrite headers; the next answer may carry a readable one.
        }
    }

    /** How long ago, by the server's clock, a time the server wrote was; null when the server's time is unknown. */
    Duration since(Instant serverTime) {
        Instant now = now();
        return now == null || serverTime == null ? null : Duration.between(serverTime, now);
    }
}
