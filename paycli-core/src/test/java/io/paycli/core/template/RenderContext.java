package io.paycli.core.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Builds the render context the renderer hands to templates, with values deep-merged over a
 * package's defaults the way paycli layers them (maps merge, everything else replaces).
 */
final class RenderContext {

    private RenderContext() {
    }

    static Map<String, Object> of(TemplatePackage pkg, Map<String, Object> overrides, String configMap) {
        Map<String, Object> context = new HashMap<>();
        context.put("app", "campaign-web");
        context.put("team", null);
        context.put("env", "beta");
        context.put("namespace", "promotion-beta");
        context.put("image", "registry.example.com/pay/campaign-web:1.4.2");
        context.put("tag", "1.4.2");
        context.put("values", merge(pkg.defaults(), overrides));
        context.put("configMap", configMap);
        context.put("selectorLabels", Map.of(
                "app.kubernetes.io/name", "campaign-web",
                "app.kubernetes.io/instance", "campaign-web"));
        return context;
    }

    /** Values written as YAML, as a user would in paycli.yaml. */
    static Map<String, Object> values(String yaml) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
        return map == null ? Map.of() : map;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> merged = new LinkedHashMap<>();
        base.forEach((k, v) -> merged.put(k, copy(v)));
        over.forEach((k, v) -> {
            Object old = merged.get(k);
            if (old instanceof Map && v instanceof Map) {
                merged.put(k, merge((Map<String, Object>) old, (Map<String, Object>) v));
            } else {
                merged.put(k, copy(v));
            }
        });
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            return merge((Map<String, Object>) map, Map.of());
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        return value;
    }

    /** Every YAML document of a rendered file; blank output gives none. */
    static List<Map<String, Object>> documents(String rendered) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(rendered)) {
            if (document != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) document;
                documents.add(map);
            }
        }
        return documents;
    }
}
