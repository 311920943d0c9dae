package io.paycli.core.validate;

import java.nio.charset.StandardCharsets;
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

    private static void size(Map<?, ?> body, Findings findings) {
        long bytes = bytes(body.get("data")) + bytes(body.get("binaryData"));
        if (bytes > CONFIGMAP_MAX_BYTES) {
            findings.error("configmap-size", "", String.format(Locale.ROOT,
                    "data is %.1f MiB (%d bytes), over the 1 MiB limit", bytes / (double) CONFIGMAP_MAX_BYTES, bytes));
        }
    }

    /** Keys plus values as UTF-8; binaryData is counted as its base64 text, which is what gets stored and sent. */
    private static long bytes(Object section) {
        long total = 0;
        if (section instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                total += utf8(String.valueOf(e.getKey()));
                total += e.getValue() == null ? 0 : utf8(String.valueOf(e.getValue()));
            }
        }
        return total;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
