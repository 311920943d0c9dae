package io.paycli.core.cluster;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paycli.core.error.ClusterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Connects to the cluster of a kube context, read from the kubeconfig the way kubectl reads it: the given file,
 * or else {@code KUBECONFIG} (several files merged) or {@code $HOME/.kube/config}, or, in a pod, the in-cluster
 * service account when there is no kubeconfig at all; outside a pod, no kubeconfig is an error that says so. One
 * request (/version) checks that the server answers.
 */
public final class KubeconfigConnector implements ClusterConnector {

    private final Path kubeconfig;
    private final Clock clock;
    private final KubeconfigLookup lookup;

    /** @param kubeconfig a kubeconfig file, or null for the standard lookup */
    public KubeconfigConnector(Path kubeconfig) {
        this(kubeconfig, Clock.systemUTC());
    }

    /** With another clock for this machine, so that a test can run paycli with a clock that is off. */
    public KubeconfigConnector(Path kubeconfig, Clock clock) {
        this(kubeconfig, clock, KubeconfigLookup.system());
    }

    /** With another environment, home and pod, so that a test can run paycli as if elsewhere. */
    public KubeconfigConnector(Path kubeconfig, Clock clock, KubeconfigLookup lookup) {
        this.kubeconfig = kubeconfig;
        this.clock = clock;
        this.lookup = lookup;
    }

    @Override
    public ClusterGateway connect(String context) {
        Config config = load(context);
        String name = context != null ? context
                : config.getCurrentContext() != null ? config.getCurrentContext().getName() : "in-cluster";
        Fabric8ClusterGateway gateway = new Fabric8ClusterGateway(config, name, clock);
        try {
            gateway.checkReachable();
            return gateway;
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    @Override
    public String contextName(String context) {
        if (context != null) {
            return context;
        }
        try {
            Config config = load(null);
            return config.getCurrentContext() != null ? config.getCurrentContext().getName() : "in-cluster";
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Config load(String context) {
        Config config;
        try {
            if (kubeconfig != null) {
                if (!Files.isRegularFile(kubeconfig)) {
                    throw new ClusterException("the kubeconfig " + kubeconfig + " does not exist");
                }
                config = fromFile(context, kubeconfig);
            } else if (lookup.kubeconfigSet()) {
                if (lookup.kubeconfigFilesMissing() && !lookup.inPod()) {
                    // fabric8 would fall back to the in-cluster server and fail with "unknown host".
                    throw new ClusterException("KUBECONFIG=" + lookup.kubeconfigVariable() + " names no file that"
                            + " exists; point KUBECONFIG or --kubeconfig at a kubeconfig (paycli sandbox writes"
                            + " ~/.paycli/sandbox.kubeconfig once it has started)");
                }
                config = Config.autoConfigure(context);
            } else if (Files.isRegularFile(lookup.homeKubeconfig())) {
                config = fromFile(context, lookup.homeKubeconfig());
            } else if (lookup.inPod()) {
                config = Config.autoConfigure(context);
            } else {
                // fabric8 would fall back to the in-cluster server and fail with "unknown host".
                throw new ClusterException("no kubeconfig at " + lookup.homeKubeconfig() + " and KUBECONFIG is not"
                        + " set; point --kubeconfig or KUBECONFIG at one (paycli sandbox writes"
                        + " ~/.paycli/sandbox.kubeconfig)");
            }
        } catch (KubernetesClientException e) {
            throw new ClusterException("cannot read the kubeconfig (" + files() + "): " + e.getMessage(), e);
        } catch (ClusterException e) {
            throw e;
        } catch (RuntimeException e) {
            // fabric8 hands on the parser's own failure: a multi-line YAML error or a Jackson mapping error.
            throw new ClusterException("cannot read the kubeconfig " + files() + ": " + BadKubeconfig.describe(e), e);
        }
        if (context != null && !hasContext(config, context)) {
            List<String> known = config.getContexts() == null ? List.of()
                    : config.getContexts().stream().map(NamedContext::getName).filter(Objects::nonNull).sorted()
                            .toList();
            if (known.isEmpty()) {
                throw new ClusterException("kube context '" + context + "' not found: there is no kubeconfig with"
                        + " contexts at " + files() + "; set KUBECONFIG or pass --kubeconfig");
            }
            throw new ClusterException("kube context '" + context + "' is not in the kubeconfig (" + files()
                    + "); contexts: " + String.join(", ", known) + "; pass --context " + known.get(0)
                    + ", or leave context out of paycli.yaml to use the current context");
        }
        return config;
    }

    private static Config fromFile(String context, Path file) {
        Config config = Config.fromKubeconfig(context, file.toFile());
        Config.configFromSysPropsOrEnvVars(config);
        return config;
    }

    private static boolean hasContext(Config config, String context) {
        return config.getCurrentContext() != null && context.equals(config.getCurrentContext().getName());
    }

    private String files() {
        if (kubeconfig != null) {
            return kubeconfig.toString();
        }
        if (!lookup.kubeconfigSet()) {
            return lookup.homeKubeconfig().toString();
        }
        Collection<String> names = Config.getKubeconfigFilenames();
        return String.join(java.io.File.pathSeparator, names);
    }
}
