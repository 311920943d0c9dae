package io.paycli.core.validate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/** ConfigMap and Secret data: keys become file names when mounted, and a ConfigMap must fit in etcd. */
final class ConfigData {

    static final long CONFIGMAP_MAX_BYTES = 1024 * 1024;

    private ConfigData() {
    }

    static void check(String kind, Map<?, ?> body, Findings findings) {
        if ("ConfigMap".equals(kind)) {
            keys(body.get("data"), "data", findings);
            keys(body.get("binaryData"), "binaryData", findings);
            duplicates(body.get("data"), body.get("binaryData"), findings);
            size(body, findings);
        } else if ("Secret".equals(kind)) {
            keys(body.get("data"), "data", findings);
            keys(body.get("stringData"), "stringData", findings);
        }
    }

    private static void keys(Object section, String path, Findings findings) {
        if (!(section instanceof Map<?, ?> map)) {
            return;
        }
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (!Names.isConfigMapKey(key)) {
                findings.error("configmap-key", Findings.key(path, key), "key \"" + key + "\" is invalid: at most "
                        + Names.CONFIG_KEY_MAX + " of letters, digits, '-', '_' and '.', not starting with '..'");
            }
            if (v != null && !(v instanceof String)) {
                findings.error("model", Findings.key(path, key), "expected a string, got " + v + "; quote it");
            }
        });
    }

    private static void duplicates(Object data, Object binaryData, Findings findings) {
        if (data instanceof Map<?, ?> text && binaryData instanceof Map<?, ?> binary) {
            binary.keySet().stream().filter(text::containsKey).forEach(k -> findings.error("configmap-key",
                    Findings.key("binaryData", String.valueOf(k)), "key \"" + k + "\" is also in data"));
        }
    }

    /** As the API server counts: the values only, data as UTF-8 and binaryData decoded from base64. */
    private static void size(Map<?, ?> body, Findings findings) {
        long bytes = textBytes(body.get("data")) + binaryBytes(body.get("binaryData"), findings);
        if (bytes > CONFIGMAP_MAX_BYTES) {
            findings.error("configmap-size", "", String.format(Locale.ROOT,
                    "data is %,d bytes, over the limit of %,d bytes (1 MiB)", bytes, CONFIGMAP_MAX_BYTES));
        }
    }

    private static long textBytes(Object section) {
        long total = 0;
        if (section instanceof Map<?, ?> map) {
            for (Object value : map.values()) {
                total += value == null ? 0 : utf8(String.valueOf(value));
            }
        }
        return total;
    }

    private static long binaryBytes(Object section, Findings findings) {
        long total = 0;
        if (section instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() instanceof String base64) {
                    total += decodedLength(base64, String.valueOf(e.getKey()), findings);
                }
            }
        }
        return total;
    }

    private static long decodedLength(String base64, String key, Findings findings) {
        try {
            // Line breaks are allowed in base64 JSON strings; anything else outside the alphabet is not.
            return Base64.getDecoder().decode(base64.replace("\r", "").replace("\n", "")).length;
        } catch (IllegalArgumentException e) {
            findings.error("model", Findings.key("binaryData", key), "not valid base64");
            return 0;
        }
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
