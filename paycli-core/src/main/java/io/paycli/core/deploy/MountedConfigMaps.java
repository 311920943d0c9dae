package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.model.ObjectRef;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ConfigMaps that live workloads of an app reference in their pod templates: prune keeps them, as a
 * colour that still serves (or may serve again) mounts a ConfigMap of an older revision.
 */
final class MountedConfigMaps {

    /** Workload kinds with a pod template whose list the deploy is granted (they are waited for). */
    static final Set<String> KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");

    private MountedConfigMaps() {
    }

    /**
     * One list by the inventory labels per workload kind of {@code applied} (the kinds the deploy may list), and
     * the names of the ConfigMaps their pod templates use.
     */
    static Set<String> of(ClusterGateway cluster, String namespace, Map<String, String> inventory,
                          Collection<ObjectRef> applied) {
        Set<String> kinds = new LinkedHashSet<>();
        for (ObjectRef ref : applied) {
            if (KINDS.contains(ref.kind())) {
                kinds.add(ref.apiVersion() + " " + ref.kind());
            }
        }
        Set<String> names = new HashSet<>();
        for (String kind : kinds) {
            String[] parts = kind.split(" ");
            for (Map<String, Object> workload : cluster.list(parts[0], parts[1], namespace, inventory)) {
                names.addAll(referencedBy(podSpec(workload)));
            }
        }
        return names;
    }

    private static Object podSpec(Map<String, Object> workload) {
        return at(workload, "spec", "template", "spec");
    }

    /** ConfigMap names in volumes (also projected), envFrom and env of every container and init container. */
    static Set<String> referencedBy(Object podSpec) {
        Set<String> names = new HashSet<>();
        for (Object volume : list(at(podSpec, "volumes"))) {
            add(names, at(volume, "configMap", "name"));
            for (Object source : list(at(volume, "projected", "sources"))) {
                add(names, at(source, "configMap", "name"));
            }
        }
        for (String containers : List.of("containers", "initContainers")) {
            for (Object container : list(at(podSpec, containers))) {
                for (Object from : list(at(container, "envFrom"))) {
                    add(names, at(from, "configMapRef", "name"));
                }
                for (Object env : list(at(container, "env"))) {
                    add(names, at(env, "valueFrom", "configMapKeyRef", "name"));
                }
            }
        }
        return names;
    }

    private static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    private static List<?> list(Object node) {
        return node instanceof List<?> l ? l : List.of();
    }

    private static void add(Set<String> names, Object name) {
        if (name != null) {
            names.add(String.valueOf(name));
        }
    }
}
