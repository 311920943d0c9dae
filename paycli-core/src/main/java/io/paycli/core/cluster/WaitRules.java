package io.paycli.core.cluster;

import io.paycli.core.model.ObjectRef;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What a wait counts, beyond its deadline.
 *
 * @param applied for each object, the server's time of the apply this wait follows (see {@link #writtenAt}): a
 *        condition written and a pod created before it belong to an earlier rollout. Server time, never this
 *        machine's clock. An object without a time counts every condition and pod.
 * @param failFastGrace how long all new pods of a workload may fail to start (image pull or config errors) before
 *        the wait gives up, measured on this machine's monotonic clock from when the wait first saw it
 */
public record WaitRules(Map<ObjectRef, Instant> applied, Duration failFastGrace) {
    public static final Duration DEFAULT_FAIL_FAST_GRACE = Duration.ofSeconds(30);

    public WaitRules {
        applied = Map.copyOf(applied);
    }

    public static WaitRules defaults() {
        return new WaitRules(Map.of(), DEFAULT_FAIL_FAST_GRACE);
    }

    /** When the apply this wait follows wrote the object, or null when unknown. */
    Instant appliedAt(ObjectRef object) {
        return applied.get(object);
    }

    /**
     * When the server last changed paycli's fields of an object, from the object an apply returned: the time of
     * the field manager's Apply entry in managedFields. An apply that changed nothing keeps the earlier time.
     */
    public static Instant writtenAt(Map<String, Object> applied) {
        if (applied == null) {
            return null;
        }
        for (Map<String, Object> entry : Fields.maps(applied, "metadata", "managedFields")) {
            if (Applier.MANAGER.equals(entry.get("manager")) && "Apply".equals(entry.get("operation"))) {
                return time(entry.get("time"));
            }
        }
        return null;
    }

    /** A server timestamp (RFC 3339, whole seconds or MicroTime), or null. */
    static Instant time(Object value) {
        if (value instanceof String text && !text.isEmpty()) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
