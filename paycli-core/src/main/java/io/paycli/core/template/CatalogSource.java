package io.paycli.core.template;

import java.util.List;
import java.util.Optional;

/** One place template packages come from: the built-in set, a directory or a git repository. */
public interface CatalogSource {

    /** Human description used in errors and recorded in each package, e.g. a path or url#ref. */
    String describe();

    /** Identifies the exact content of this source, so a release can be traced to it. */
    String commit();

    /** The package of that name, or empty if this source has no such folder. */
    Optional<TemplatePackage> find(String name);

    /** The template names this source offers, sorted. */
    List<String> names();

    /** Things the user should know, such as working from a stale cache; empty by default. */
    default List<String> warnings() {
        return List.of();
    }
}
