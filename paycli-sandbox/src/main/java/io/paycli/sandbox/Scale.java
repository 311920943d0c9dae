package io.paycli.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** The autoscaling/v1 Scale view of a scalable workload. */
final class Scale {

    private Scale() {
    }

    static Map<String, Object> view(Map<String, Object> object) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (String key : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            Object value = Json.map(object, "metadata").get(key);
            if (value != null) {
                metadata.put(key, value);
            }
        }
        Map<String, Object> scale = new LinkedHashMap<>();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        scale.put("metadata", metadata);
        scale.put("spec", Map.of("replicas", Json.number(object, 1, "spec", "replicas")));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("replicas", Json.number(object, 0, "status", "replicas"));
        status.put("selector", selector(Json.map(object, "spec", "selector", "matchLabels")));
        scale.put("status", status);
        return scale;
    }

    /** matchLabels written as a label selector string, the form Scale reports. */
    static String selector(Map<String, Object> matchLabels) {
        StringJoiner joined = new StringJoiner(",");
        if (matchLabels != null) {
            matchLabels.forEach((k, v) -> joined.add(k + "=" + v));
        }
        return joined.toString();
    }
}
