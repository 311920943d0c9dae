package io.paycli.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The pod-template-hash of a Deployment's pod template, which names its ReplicaSet and labels its pods. */
final class TemplateHash {

    private TemplateHash() {
    }

    /**
     * A stable 10-character name part for a pod template, like the pod-template-hash label. It ignores key order
     * and empty or null fields, so a template patched back by kubectl rollout undo (which adds such fields, where a
     * real server's defaulting makes both alike) finds its ReplicaSet again.
     */
    static String of(Map<String, Object> template) {
        Object canonical = canonical(template == null ? Map.of() : template);
        String hex = Integer.toHexString(Json.write(canonical).hashCode() & 0x7fffffff);
        return ("bcdfg" + hex).substring(Math.max(0, hex.length() + 5 - 10));
    }

    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> {
                Object kept = canonical(v);
                if (kept != null) {
                    sorted.put(String.valueOf(k), kept);
                }
            });
            return sorted.isEmpty() ? null : sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> kept = list.stream().map(TemplateHash::canonical).filter(Objects::nonNull).toList();
            return kept.isEmpty() ? null : kept;
        }
        return value;
    }
}
