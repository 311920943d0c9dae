package io.paycli.core.template;

import java.util.List;
import java.util.Map;

/**
 * One project type, loaded into memory: its descriptor, its default values, its values schema
 * (JSON text) and its Pebble sources by file name. {@code catalogCommit} identifies the exact
 * catalog content it came from, so a release can be traced back to it.
 */
public record TemplatePackage(
        String name,
        String version,
        String description,
        List<String> files,
        Map<String, Object> defaults,
        String schema,
        Map<String, String> sources,
        String catalog,
        String catalogCommit) {

    public TemplatePackage {
        files = List.copyOf(files);
        sources = Map.copyOf(sources);
    }
}
