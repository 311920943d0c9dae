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

/** Which cluster: for the commands that talk to one. */
final class ClusterOptions {
    @Option(names = "--context", paramLabel = "CONTEXT",
            description = "The kube context to use instead of the environment's (default: the environment's"
                    + " context, else the kubeconfig's current context).")
    String context;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    /** A service for status, history and rollback, which read what the cluster recorded and render nothing. */
    DeployService recordsService() {
        return recordsService(List.of());
    }

    /** As above, for rollback, promote, abort and scale, which hand what they changed to {@code sinks}. */
    DeployService recordsService(List<ReleaseSink> sinks) {
        return new DeployService(ClusterOptions::noCatalog, new TemplateEngine(), new KubeconfigConnector(kubeconfig),
                sinks, Clock.systemUTC());
    }

    private static Catalog noCatalog() {
        throw new IllegalStateException("status, history and rollback render nothing and open no template catalog");
    }
}
