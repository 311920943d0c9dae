package io.paycli.core.model;

import java.util.Arrays;

/** One key of the generated ConfigMap and the bytes it holds; {@code source} is for messages. */
public record ConfigEntry(String key, byte[] content, String source) {
    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigEntry e && key.equals(e.key) && Arrays.equals(content, e.content);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return key + " (" + content.length + " bytes from " + source + ")";
    }
}
