package io.paycli.bench;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.Set;

/** Reads, through the API, how many of the expected Deployments are available (readyReplicas == replicas). */
final class DeploymentHealth {
    private DeploymentHealth() {
    }

    static KubernetesClient client(Path kubeconfig) {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, kubeconfig.toFile())).build();
    }

    /** Expected names are {@code namespace/name}. */
    static int available(KubernetesClient client, Set<String> expected) {
        int ready = 0;
        for (Deployment d : client.apps().deployments().inAnyNamespace().list().getItems()) {
            String name = d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
            if (expected.contains(name) && d.getStatus() != null && d.getSpec().getReplicas() != null
                    && d.getSpec().getReplicas().equals(d.getStatus().getReadyReplicas())) {
                ready++;
            }
        }
        return ready;
    }
}
