package io.paycli.core.template;

import io.paycli.core.error.Suggestion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import io.paycli.core.error.InvalidInputException;

/**
 * The template packages paycli can use: an ordered list of sources where the first one that has
 * a name wins. A user catalog placed before the built-in one therefore overrides built-in types
 * one by one and leaves the others available.
 */
public final class Catalog {

    /** Shared, so that a long-running process loads each built-in package only once. */
    private static final class Builtin {
        static final BuiltinCatalogSource SOURCE = new BuiltinCatalogSource();
    }

    /** The environment variable naming a user catalog when no option is given. */
    public static final String ENV = "PAYCLI_CATALOG";

    private final List<CatalogSource> sources;

    public Catalog(List<CatalogSource> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a catalog needs at least one source");
        }
        this.sources = List.copyOf(sources);
    }

    /** The built-in catalog alone. */
    public static Catalog builtin() {
        return new Catalog(List.of(Builtin.SOURCE));
    }

    /**
     * Opens the catalog a user asked for, followed by the built-in one.
     *
     * @param spec     null for the built-in catalog only; a git url (contains "://", starts with
     *                 "git@" or ends with ".git"), optionally with "#ref" (default: the remote's
     *                 default branch); otherwise a directory
     * @param cacheDir where git catalogs are mirrored, see {@link #defaultCacheDir}
     */
    public static Catalog open(String spec, Path cacheDir) {
        if (spec == null) {
            return builtin();
        }
        if (spec.isBlank()) {
            throw new InvalidInputException("template catalog is empty: give a directory or a git url");
        }
        return new Catalog(List.of(userSource(spec.strip(), cacheDir), Builtin.SOURCE));
    }

    /** The catalog spec a user asked for: the --catalog option wins over PAYCLI_CATALOG. */
    public static String spec(String option, Map<String, String> env) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        String fromEnv = env.get(ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
    }

    private static CatalogSource userSource(String spec, Path cacheDir) {
        int hash = spec.lastIndexOf('#');
        String url = hash < 0 ? spec : spec.substring(0, hash);
        if (!isGit(url)) {
            return DirectoryCatalogSource.open(Path.of(spec));
        }
        String ref = hash < 0 ? GitCatalogSource.DEFAULT_REF : spec.substring(hash + 1).strip();
        if (ref.isEmpty()) {
            throw new InvalidInputException("template catalog " + spec + " has an empty ref after '#'");
        }
        return GitCatalogSource.open(url, ref, Objects.requireNonNull(cacheDir, "cacheDir"));
    }

    static boolean isGit(String url) {
        String path = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return url.contains("://") || url.startsWith("git@") || path.endsWith(".git");
    }

    /** {@code $XDG_CACHE_HOME/paycli/catalogs}, or {@code ~/.cache/paycli/catalogs} without it. */
    public static Path defaultCacheDir(Map<String, String> env, Path userHome) {
        String xdg = env.get("XDG_CACHE_HOME");
        // The XDG spec says a relative value is invalid and must be ignored.
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : userHome.resolve(".cache");
        return base.resolve("paycli").resolve("catalogs");
    }

    /** The package of that name from the first source that has it. */
    public TemplatePackage get(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("no template given; available: " + String.join(", ", names()));
        }
        for (CatalogSource source : sources) {
            Optional<TemplatePackage> found = source.find(name);
            if (found.isPresent()) {
                return found.get();
            }
        }
        List<String> names = names();
        throw new InvalidInputException("unknown template '" + name + "'" + Suggestion.hint(name, names)
                + "; available: " + String.join(", ", names));
    }

    /** Every available package, one per name as {@link #get} would pick it, sorted by name. */
    public List<TemplatePackage> list() {
        Map<String, TemplatePackage> byName = new TreeMap<>();
        for (CatalogSource source : sources) {
            for (String name : source.names()) {
                if (!byName.containsKey(name)) {
                    source.find(name).ifPresent(p -> byName.put(name, p));
                }
            }
        }
        return List.copyOf(byName.values());
    }

    /** Every available template name, sorted. */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        sources.forEach(source -> names.addAll(source.names()));
        return List.copyOf(names);
    }

    /** Warnings of all sources, such as a git catalog served from its cache while offline. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        sources.forEach(source -> warnings.addAll(source.warnings()));
        return List.copyOf(warnings);
    }

    public List<CatalogSource> sources() {
        return sources;
    }
}
