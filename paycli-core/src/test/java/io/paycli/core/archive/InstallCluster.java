package io.paycli.core.archive;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.TimelineEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A sandbox with an admin client (playing kubectl) and paycli's gateway, for the capture and install tests. */
final class InstallCluster implements AutoCloseable {
    final Sandbox sandbox;
    final KubernetesClient admin;
    final ClusterGateway gateway;

    InstallCluster(Path dir, String context) {
        sandbox = Sandbox.start(0);
        Path kubeconfig = sandbox.writeKubeconfig(dir.resolve(context + ".kubeconfig"), context);
        admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig.toFile())).build();
        gateway = new KubeconfigConnector(kubeconfig).connect(context);
    }

    /** Creates an object from YAML as kubectl create would. */
    void create(String yaml) {
        admin.resource("---\n" + yaml).create(); // a leading "---" keeps flow-style YAML from being read as JSON
    }

    void awaitEstablished(String crd) {
        admin.apiextensions().v1().customResourceDefinitions().withName(crd).waitUntilCondition(c ->
                c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                        && c.getStatus().getConditions().stream().anyMatch(x -> x.getType().equals("Established")
                                && x.getStatus().equals("True")), 10, TimeUnit.SECONDS);
    }

    /** The changes paycli's field manager made, counted at the sandbox. */
    List<TimelineEntry> paycliWrites() {
        return sandbox.timeline().stream().filter(e -> "paycli".equals(e.actor())).toList();
    }

    @Override
    public void close() {
        gateway.close();
        admin.close();
        sandbox.close();
    }
}
