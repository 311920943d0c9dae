package io.paycli.cli;

import io.paycli.core.deploy.DeployService;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where templates come from: the built-in catalog, optionally overridden type by type. */
final class CatalogOptions {
    @Option(names = "--catalog", paramLabel = "DIR|URL[#REF]", defaultValue = "${env:PAYCLI_CATALOG}",
            description = "A user template catalog that overrides built-in types one by one: a directory,"
                    + " or a git repository pinned to a ref (https://host/templates.git#v1.2.0)."
                    + " Default: $PAYCLI_CATALOG, else the built-in catalog only.")
    String catalog;

    Catalog open() {
        return Catalog.open(catalog, cacheDir());
    }

    DeployService deployService() {
        return new DeployService(open(), new TemplateEngine());
    }

    /** $PAYCLI_CACHE_DIR, else $XDG_CACHE_HOME/paycli, else ~/.cache/paycli; catalogs go below it. */
    static Path cacheDir() {
        String explicit = System.getenv("PAYCLI_CACHE_DIR");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit).resolve("catalogs");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("paycli").resolve("catalogs");
    }
}
