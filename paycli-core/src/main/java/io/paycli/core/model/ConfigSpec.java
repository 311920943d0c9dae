package io.paycli.core.model;

import java.util.List;
import java.util.Map;

/** The {@code config} section: files or directories of files, and literal entries. */
public record ConfigSpec(List<String> files, Map<String, String> literals) {
    public static final ConfigSpec EMPTY = new ConfigSpec(List.of(), Map.of());

    public ConfigSpec {
        files = List.copyOf(files);
        literals = Map.copyOf(literals);
    }

    public boolean isEmpty() {
        return files.isEmpty() && literals.isEmpty();
    }
}
