package io.paycli.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "cluster",
        header = "A cluster's own installation: capture it into the archive, compare a cluster with the archive.",
        description = "cluster capture records a cluster's installation manifests (namespaces, CRDs, RBAC, classes,"
                + " quotas, policies, the ingress controller) under <cluster>/_cluster/ in the manifests archive, so"
                + " that paycli restore can rebuild the cluster. cluster compare shows, app by app, whether another"
                + " cluster runs what the archive says a cluster runs.",
        mixinStandardHelpOptions = true,
        subcommands = {ClusterCaptureCommand.class, ClusterCompareCommand.class})
final class ClusterCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose 'cluster capture --context C' or"
                + " 'cluster compare --from CLUSTER --to-context C'");
    }
}
