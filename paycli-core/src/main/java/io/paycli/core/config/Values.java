package io.paycli.core.config;

import java.util.Map;

/**
 * The merged values of one render, and where each key path got its value, so that a schema
 * violation can be reported at the line (or {@code --set}) that caused it.
 */
public record Values(Map<String, Object> merged, Map<String, Origin> origins, String defaultsSource) {

    /**
     * The origin of {@code path}: the nearest key on the way up that the user wrote, since a
     * default is rarely the culprit (an {@code ingress.enabled: true} without a host is).
     */
    public Origin originOf(String path, Origin fallback) {
        String p = path;
        Origin firstDefault = null;
        while (!p.isEmpty()) {
            Origin o = origins.get(p);
            if (o != null && !o.location().source().equals(defaultsSource)) {
                return o;
            }
            if (o != null && firstDefault == null) {
                firstDefault = o;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut > 0 ? p.substring(0, cut) : "";
        }
        return firstDefault != null ? firstDefault : fallback;
    }
}
