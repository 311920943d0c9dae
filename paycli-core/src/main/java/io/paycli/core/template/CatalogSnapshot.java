package io.paycli.core.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.paycli.core.error.InvalidInputException;

/**
 * The files of a catalog held in memory, one map per type folder. Directory and git sources read
 * everything once, so the commit they report always matches the content they serve.
 */
final class CatalogSnapshot {

    private final String describe;
    private final String commit;
    private final Map<String, Map<String, String>> folders;
    private final ConcurrentMap<String, TemplatePackage> loaded = new ConcurrentHashMap<>();

    /**
     * @param files relative path ("type/file") to text; other depths and hidden names (a
     *              leading dot, such as .git) are not part of the package format and are ignored
     */
    CatalogSnapshot(String describe, String commit, Map<String, String> files) {
        this.describe = describe;
        this.commit = commit;
        Map<String, Map<String, String>> byFolder = new TreeMap<>();
        files.forEach((path, text) -> {
            String[] parts = path.split("/");
            if (parts.length == 2 && !parts[0].startsWith(".") && !parts[1].startsWith(".")) {
                byFolder.computeIfAbsent(parts[0], k -> new TreeMap<>()).put(parts[1], text);
            }
        });
        this.folders = byFolder;
    }

    String describe() {
        return describe;
    }

    String commit() {
        return commit;
    }

    List<String> names() {
        return folders.entrySet().stream()
                .filter(e -> e.getValue().containsKey(DescriptorReader.FILE))
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * A folder without template.yaml is an error rather than "not found": silently falling back
     * to the built-in type of the same name would hide the user's broken override.
     */
    Optional<TemplatePackage> find(String name) {
        Map<String, String> files = folders.get(name);
        if (files == null) {
            return Optional.empty();
        }
        if (!files.containsKey(DescriptorReader.FILE)) {
            throw new InvalidInputException("template '" + name + "' in catalog " + describe
                    + ": folder has no " + DescriptorReader.FILE);
        }
        return Optional.of(loaded.computeIfAbsent(name,
                n -> TemplatePackageLoader.load(n, files, describe, commit)));
    }
}
