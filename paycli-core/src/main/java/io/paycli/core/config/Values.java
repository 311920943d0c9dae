package io.paycli.core.config;

import java.util.Map;

/**
 * The merged values of one render, and where each key path got its value, so that a schema
 * violation can be reported at the line (or {@code --set}) that caused it.
 */
public record Values(Map<String, Object> merged, Map<String, Origin> origins) {

    /** The origin of {@code path}, or of its nearest parent that has one. */
    public Origin originOf(String path, Origin fallback) {
        String p = path;
        while (!p.isEmpty()) {
            Origin o = origins.get(p);
            if (o != null) {
                return o;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut > 0 ? p.substring(0, cut) : "";
        }
        return fallback;
    }
}
