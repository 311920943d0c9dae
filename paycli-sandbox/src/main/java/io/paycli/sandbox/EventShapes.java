package io.paycli.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Event written through events.k8s.io/v1 and read through core/v1, as the API server converts it: regarding
 * becomes involvedObject, note message, deprecatedLastTimestamp lastTimestamp, and so on; eventTime and series
 * keep their names, so such an event has eventTime and series but no lastTimestamp in core/v1. The other way (a
 * core/v1 event read through events.k8s.io) is not served.
 */
final class EventShapes {

    /** events.k8s.io/v1 name, core/v1 name. */
    private static final List<List<String>> RENAMED = List.of(List.of("regarding", "involvedObject"),
            List.of("note", "message"), List.of("deprecatedSource", "source"),
            List.of("deprecatedFirstTimestamp", "firstTimestamp"), List.of("deprecatedLastTimestamp", "lastTimestamp"),
            List.of("deprecatedCount", "count"), List.of("reportingController", "reportingComponent"));

    private EventShapes() {
    }

    /** The object as the type serves it: an events.k8s.io Event read as a core/v1 one is converted. */
    static Map<String, Object> as(ResourceType type, Map<String, Object> object) {
        if (!"Event".equals(type.kind()) || !type.group().isEmpty()
                || !"events.k8s.io/v1".equals(object.get("apiVersion"))) {
            return object;
        }
        Map<String, Object> core = new LinkedHashMap<>();
        core.put("apiVersion", "v1");
        core.put("kind", "Event");
        object.forEach((key, value) -> {
            if (!key.equals("apiVersion") && !key.equals("kind")) {
                core.put(renamed(key), value);
            }
        });
        return core;
    }

    private static String renamed(String key) {
        for (List<String> names : RENAMED) {
            if (names.get(0).equals(key)) {
                return names.get(1);
            }
        }
        return key;
    }
}
