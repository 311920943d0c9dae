package io.paycli.core.model;

/** Where a value came from: a file and 1-based line, or a named source such as {@code --set}. */
public record Location(String source, int line) {
    public static Location of(String source) {
        return new Location(source, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line : source;
    }
}
