package io.paycli.core.deploy;

import io.paycli.core.model.ObjectRef;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * A pre-scale override as the HPA records it in its annotations: who set which bounds, why, when, until when
 * (null: until reverted), and the bounds in effect before. {@code min} and {@code max} are the live bounds.
 */
public record PreScaleOverride(ObjectRef hpa, int min, int max, Instant until, String by, String reason,
                               Instant at, Integer previousMin, Integer previousMax) {
    static final String PREFIX = "paycli.io/prescale-";
    static final String BY = PREFIX + "by";
    static final String REASON = PREFIX + "reason";
    static final String UNTIL = PREFIX + "until";
    static final String AT = PREFIX + "at";
    static final String PREVIOUS_MIN = PREFIX + "previous-min";
    static final String PREVIOUS_MAX = PREFIX + "previous-max";

    /** Times to the second: they are read by people and by kubectl, and "6h from now" means no finer. */
    public PreScaleOverride {
        until = until == null ? null : until.truncatedTo(ChronoUnit.SECONDS);
        at = at == null ? null : at.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The override an HPA read from the cluster carries, if any: marked by its {@code prescale-by} annotation. */
    static Optional<PreScaleOverride> of(ObjectRef ref, Map<String, Object> live) {
        if (!(live.get("metadata") instanceof Map<?, ?> metadata)
                || !(metadata.get("annotations") instanceof Map<?, ?> annotations)
                || !(annotations.get(BY) instanceof String by)) {
            return Optional.empty();
        }
        Map<?, ?> spec = live.get("spec") instanceof Map<?, ?> s ? s : Map.of();
        int min = spec.get("minReplicas") instanceof Number n ? n.intValue() : 1;
        int max = spec.get("maxReplicas") instanceof Number n ? n.intValue() : min;
        return Optional.of(new PreScaleOverride(ref, min, max, instant(annotations.get(UNTIL)), by,
                string(annotations.get(REASON)), instant(annotations.get(AT)), number(annotations.get(PREVIOUS_MIN)),
                number(annotations.get(PREVIOUS_MAX))));
    }

    /** In force at {@code now}: no end, or an end still to come. */
    public boolean activeAt(Instant now) {
        return until == null || until.isAfter(now);
    }

    /** "min 3 max 10 until 2026-12-02T06:00:00Z by alice (year-end campaign)". */
    public String describe() {
        return "min " + min + " max " + max + (until == null ? " with no end" : " until " + until) + " by " + by
                + " (" + reason + ")";
    }

    /** "min 2 max 5", or what is known of it. */
    public String previous() {
        return "min " + (previousMin == null ? "?" : previousMin) + " max " + (previousMax == null ? "?" : previousMax);
    }

    private static String string(Object value) {
        return value instanceof String s ? s : "";
    }

    private static Instant instant(Object value) {
        try {
            return value instanceof String s && !s.isBlank() ? Instant.parse(s) : null;
        } catch (DateTimeParseException e) {
            // A hand-edited annotation that is no time: treated as no end, so nothing is reverted by surprise.
            return null;
        }
    }

    private static Integer number(Object value) {
        try {
            return value instanceof String s ? Integer.valueOf(s.trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
