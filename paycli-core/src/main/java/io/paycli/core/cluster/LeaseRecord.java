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

/** The fields of a coordination.k8s.io/v1 Lease that the deploy lock uses; times are MicroTime. */
record LeaseRecord(String holder, Instant acquired, Instant renewed, int durationSeconds, int transitions,
        String resourceVersion, String uid) {

    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(ZoneOffset.UTC);

    static LeaseRecord of(Map<String, Object> lease) {
        return new LeaseRecord(Fields.string(lease, "spec", "holderIdentity"),
                time(Fields.string(lease, "spec", "acquireTime")), time(Fields.string(lease, "spec", "renewTime")),
                (int) Fields.number(lease, 0, "spec", "leaseDurationSeconds"),
                (int) Fields.number(lease, 0, "spec", "leaseTransitions"),
                Fields.string(lease, "metadata", "resourceVersion"), Fields.string(lease, "metadata", "uid"));
    }

    /** When the lease runs out if nobody renews it; a lease without times has run out. */
    Instant expires() {
        Instant last = renewed != null ? renewed : acquired;
        return last == null ? Instant.EPOCH : last.plusSeconds(durationSeconds);
    }

    boolean heldAt(Instant now) {
        return holder != null && !holder.isEmpty() && expires().isAfter(now);
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
        return new LeaseRecord(holder, acquired, now, durationSeconds, transitions, resourceVersion, uid);
    }

    /** This record taken over by a new holder, on top of the stored version read. */
    LeaseRecord takenBy(String newHolder, Instant now, int duration) {
        int moved = newHolder.equals(holder) ? transitions : transitions + 1;
        return new LeaseRecord(newHolder, now, now, duration, moved, resourceVersion, uid);
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
