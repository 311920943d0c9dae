package io.paycli.cli;

import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.deploy.ReleaseSink;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Option;

/** Where templates come from: the built-in catalog, optionally overridden type by type. */
final class CatalogOptions {
    @Option(names = "--catalog", paramLabel = "CATALOG",
            description = "A user template catalog that overrides built-in types one by one: a directory, or a git"
                    + " repository URL pinned to a ref with #REF (https://host/templates.git#v1.2.0)."
                    + " Default: $" + Catalog.ENV + ", else the built-in catalog only."
                    + " Git catalogs are cached under $XDG_CACHE_HOME/paycli/catalogs and work offline once cached.")
    String catalog;

    Catalog open() {
        return Catalog.open(Catalog.spec(catalog, System.getenv()),
                Catalog.defaultCacheDir(System.getenv(), Home.dir()));
    }

    /** A service for render and validate, which never touch a cluster. */
    DeployService deployService() {
        return DeployService.offline(open(), new TemplateEngine());
    }

    /** A service that reaches clusters through the kubeconfig ({@code null}: the standard one). */
    DeployService deployService(Path kubeconfig) {
        return deployService(kubeconfig, List.of());
    }

    /** As above, handing what changed a cluster to {@code sinks}. */
    DeployService deployService(Path kubeconfig, List<ReleaseSink> sinks) {
        return new DeployService(this::open, new TemplateEngine(), new KubeconfigConnector(kubeconfig), sinks,
                Clock.systemUTC());
    }
}
