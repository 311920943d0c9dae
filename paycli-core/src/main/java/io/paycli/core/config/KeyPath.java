package io.paycli.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Dotted key paths as users write them: {@code resources.limits.cpu}, {@code tolerations[0].key}.
 * A dot inside a key is escaped with a backslash ({@code podAnnotations.prometheus\.io/scrape}).
 */
public final class KeyPath {
    private KeyPath() {
    }

    public static String child(String parent, String key) {
        String escaped = key.replace(".", "\\.");
        return parent.isEmpty() ? escaped : parent + "." + escaped;
    }

    public static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    /** Splits a dotted path into keys, honouring {@code \.} escapes. */
    public static List<String> split(String path) {
        List<String> keys = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' && i + 1 < path.length() && path.charAt(i + 1) == '.') {
                cur.append('.');
                i++;
            } else if (c == '.') {
                keys.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        keys.add(cur.toString());
        return keys;
    }
}
