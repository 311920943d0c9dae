package io.paycli.core.cluster;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Reads Warning events in both shapes a server gives them: core/v1 (involvedObject, message, count,
 * firstTimestamp, lastTimestamp) and events.k8s.io/v1 (regarding, note, eventTime, series.count,
 * series.lastObservedTime, deprecated* fields). An event written through events.k8s.io and read through core/v1
 * has eventTime and series but no lastTimestamp, so the time it last happened is the newest of them all. Pure.
 */
final class WarningEvents {

    private WarningEvents() {
    }

    /** When the event last happened (server time), or null when it does not say. */
    static Instant lastSeen(Map<String, Object> event) {
        Instant latest = null;
        for (Object value : new Object[] {Fields.at(event, "series", "lastObservedTime"), event.get("lastTimestamp"),
            event.get("deprecatedLastTimestamp"), event.get("eventTime"), event.get("firstTimestamp"),
            event.get("deprecatedFirstTimestamp")}) {
            Instant time = WaitRules.time(value);
            if (time != null && (latest == null || time.isAfter(latest))) {
                latest = time;
            }
        }
        return latest;
    }

    /**
     * Whether the event is about one of the pods, the workload, or one of its ReplicaSets: named
     * {@code <workload>-<pod-template-hash>}, where the hash has no dash, so the ReplicaSets of "web-admin" are
     * not those of "web".
     */
    static boolean involves(Map<String, Object> event, Set<String> podNames, String workload) {
        String kind = Fields.string(subject(event), "kind");
        String name = Fields.string(subject(event), "name");
        if (name == null) {
            return false;
        }
        if ("Pod".equals(kind)) {
            return podNames.contains(name);
        }
        if ("ReplicaSet".equals(kind)) {
            return name.startsWith(workload + "-") && name.indexOf('-', workload.length() + 1) < 0;
        }
        return name.equals(workload);
    }

    /** "Warning BackOff pod/web-7f9c-x2b4d: Back-off restarting failed container web". */
    static String line(Map<String, Object> event) {
        String kind = String.valueOf(Fields.string(subject(event), "kind")).toLowerCase();
        Object message = event.get("message") != null ? event.get("message") : event.get("note");
        return "Warning " + event.getOrDefault("reason", "") + " " + kind + "/"
                + Fields.string(subject(event), "name") + ": " + (message == null ? "" : message);
    }

    private static Map<String, Object> subject(Map<String, Object> event) {
        Map<String, Object> involved = Fields.map(event, "involvedObject");
        return involved.isEmpty() ? Fields.map(event, "regarding") : involved;
    }
}
