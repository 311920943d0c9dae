package io.paycli.core.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a coordination.k8s.io/v1 Lease that the deploy lock uses; times are MicroTime, written in the
 * server's time as this machine estimates it.
 */
record LeaseRecord(String holder, Instant acquired, Instant renewed, int durationSeconds, int transitions,
        String resourceVersion, String uid, Instant lastWritten) {

    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(ZoneOffset.UTC);

    static LeaseRecord of(Map<String, Object> lease) {
        return new LeaseRecord(Fields.string(lease, "spec", "holderIdentity"),
                time(Fields.string(lease, "spec", "acquireTime")), time(Fields.string(lease, "spec", "renewTime")),
                (int) Fields.number(lease, 0, "spec", "leaseDurationSeconds"),
                (int) Fields.number(lease, 0, "spec", "leaseTransitions"),
                Fields.string(lease, "metadata", "resourceVersion"), Fields.string(lease, "metadata", "uid"),
                lastWritten(lease));
    }

    /** A fresh record for a new holder, stamped with the server's time. */
    static LeaseRecord fresh(String holder, Instant now, int durationSeconds) {
        return new LeaseRecord(holder, now, now, durationSeconds, 0, null, null, null);
    }

    /**
     * When the server last wrote the Lease, by the server's own clock: the newest time in its managedFields. The
     * holder's renewTime is written by the holder's clock and says nothing another machine can trust.
     */
    private static Instant lastWritten(Map<String, Object> lease) {
        Instant newest = null;
        for (Map<String, Object> entry : Fields.maps(lease, "metadata", "managedFields")) {
            Instant time = time(Fields.string(entry, "time"));
            if (time != null && (newest == null || time.isAfter(newest))) {
                newest = time;
            }
        }
        return newest;
    }

    /**
     * Whether nobody wrote the Lease for longer than its duration, given how long ago (by the server's clock) it
     * was last written. The times have whole seconds, so a second more is waited, never less.
     */
    boolean runOut(Duration age) {
        return age.compareTo(Duration.ofSeconds(durationSeconds + 1L)) >= 0;
    }

    boolean hasHolder() {
        return holder != null && !holder.isEmpty();
    }

    /** The Lease object to write; resourceVersion, when known, makes the write a compare-and-swap. */
    Map<String, Object> toObject(String namespace, String name) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        metadata.put("labels", Map.of("app.kubernetes.io/managed-by", "paycli"));
        if (resourceVersion != null) {
            metadata.put("resourceVersion", resourceVersion);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("holderIdentity", holder);
        spec.put("leaseDurationSeconds", durationSeconds);
        spec.put("acquireTime", format(acquired));
        spec.put("renewTime", format(renewed));
        spec.put("leaseTransitions", transitions);
        Map<String, Object> lease = new LinkedHashMap<>();
        lease.put("apiVersion", "coordination.k8s.io/v1");
        lease.put("kind", "Lease");
        lease.put("metadata", metadata);
        lease.put("spec", spec);
        return lease;
    }

    LeaseRecord renewedAt(Instant now) {
        return new LeaseRecord(holder, acquired, now, durationSeconds, transitions, resourceVersion, uid, lastWritten);
    }

    /** This record taken over by a new holder, on top of the stored version read. */
    LeaseRecord takenBy(String newHolder, Instant now, int duration) {
        int moved = newHolder.equals(holder) ? transitions : transitions + 1;
        return new LeaseRecord(newHolder, now, now, duration, moved, resourceVersion, uid, lastWritten);
    }

    static String format(Instant time) {
        return time == null ? null : MICRO_TIME.format(time.truncatedTo(ChronoUnit.MICROS));
    }

    static Instant time(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static int seconds(Duration ttl) {
        return (int) Math.max(1, (ttl.toMillis() + 999) / 1000);
    }
}
