package io.paycli.core.cluster;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the standard kubeconfig lookup depends on, passed in so that it can be tested without a pod or another home:
 * the environment ({@code KUBECONFIG}, {@code KUBERNETES_SERVICE_HOST}), the home directory ({@code $HOME}, as the
 * shell has it) and the service account token that Kubernetes mounts into every pod.
 */
public record KubeconfigLookup(Map<String, String> env, Path home, Path serviceAccountToken) {
    static final Path POD_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    /** This process: its environment, $HOME (else Java's user.home) and the pod's token path. */
    public static KubeconfigLookup system() {
        String home = System.getenv("HOME");
        return new KubeconfigLookup(System.getenv(),
                Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home")), POD_TOKEN);
    }

    /** Whether {@code KUBECONFIG} (or fabric8's {@code kubeconfig} system property) names the files to read. */
    boolean kubeconfigSet() {
        String variable = env.get("KUBECONFIG");
        return variable != null && !variable.isBlank() || System.getProperty("kubeconfig") != null;
    }

    /** {@code KUBECONFIG} names files, and none of them exists: kubectl would then ignore them all. */
    boolean kubeconfigFilesMissing() {
        String variable = env.get("KUBECONFIG");
        if (variable == null || variable.isBlank()) {
            return false;
        }
        for (String name : variable.split(File.pathSeparator)) {
            if (!name.isBlank() && Files.isRegularFile(Path.of(name))) {
                return false;
            }
        }
        return true;
    }

    String kubeconfigVariable() {
        return env.get("KUBECONFIG");
    }

    /** kubectl's default file: {@code $HOME/.kube/config}. */
    Path homeKubeconfig() {
        return home.resolve(".kube").resolve("config");
    }

    /** Whether this process runs in a pod, where the service account stands in for a kubeconfig. */
    boolean inPod() {
        return env.containsKey("KUBERNETES_SERVICE_HOST") || Files.isRegularFile(serviceAccountToken);
    }
}
