package io.paycli.core.model;

import java.util.Map;
import java.util.Optional;

/** Where a value came from: a file and 1-based line, or a named source such as {@code --set}. */
public record Location(String source, int line) {
    public static Location of(String source) {
        return new Location(source, 0);
    }

    /**
     * The location of a key path ({@code a.b[0].c}), or of its nearest parent that has one: a
     * key missing from the file is reported where its parent was written.
     */
    public static Optional<Location> nearest(Map<String, Location> origins, String path) {
        String p = path;
        while (!p.isEmpty()) {
            Location at = origins.get(p);
            if (at != null) {
                return Optional.of(at);
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut > 0 ? p.substring(0, cut) : "";
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line : source;
    }
}
