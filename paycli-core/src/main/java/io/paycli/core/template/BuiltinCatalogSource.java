package io.paycli.core.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The template packages shipped in the jar under {@code /catalog/<type>/}. A shaded jar cannot
 * list a classpath folder, so {@code /catalog/index.txt} names every file; packages are read on
 * first use only, which keeps start-up fast.
 */
public final class BuiltinCatalogSource implements CatalogSource {

    static final String ROOT = "/catalog/";
    private static final String DESCRIBE = "built-in";

    private final String commit;
    private final Map<String, List<String>> filesByType;
    private final ConcurrentMap<String, TemplatePackage> loaded = new ConcurrentHashMap<>();

    public BuiltinCatalogSource() {
        this.commit = resource("version.txt").strip();
        Map<String, List<String>> index = new TreeMap<>();
        for (String line : resource("index.txt").split("\\R")) {
            String path = line.strip();
            if (path.isEmpty() || path.startsWith("#")) {
                continue;
            }
            String[] parts = path.split("/");
            if (parts.length != 2) {
                throw new IllegalStateException("built-in catalog index: bad entry '" + path + "'");
            }
            index.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1]);
        }
        this.filesByType = index;
    }

    @Override
    public String describe() {
        return DESCRIBE;
    }

    /**
     * The content of /catalog/version.txt, e.g. "builtin-1": maintained by hand and bumped with
     * every change to the built-in templates, so it never depends on the clock or the build.
     */
    @Override
    public String commit() {
        return commit;
    }

    @Override
    public Optional<TemplatePackage> find(String name) {
        List<String> files = filesByType.get(name);
        if (files == null) {
            return Optional.empty();
        }
        return Optional.of(loaded.computeIfAbsent(name, n -> load(n, files)));
    }

    @Override
    public List<String> names() {
        return List.copyOf(filesByType.keySet());
    }

    private TemplatePackage load(String type, List<String> files) {
        Map<String, String> texts = new TreeMap<>();
        for (String file : files) {
            texts.put(file, resource(type + "/" + file));
        }
        return TemplatePackageLoader.load(type, texts, DESCRIBE, commit);
    }

    /** A missing resource means a broken build, not bad user input. */
    private static String resource(String path) {
        try (InputStream in = BuiltinCatalogSource.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("built-in catalog resource " + ROOT + path + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
