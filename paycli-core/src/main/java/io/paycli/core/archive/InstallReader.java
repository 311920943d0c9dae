package io.paycli.core.archive;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.error.PaycliException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a cluster's installation: the kinds of {@link InstallKinds} and the custom resources of the captured
 * definitions, leaving out what a new cluster makes by itself and what paycli's app restore brings back (see
 * {@link LeftOut}), and the Secrets by name only.
 */
final class InstallReader {

    /** What was read: the objects in apply order, the Secrets, and the kinds that could not be read (said why). */
    record Snapshot(List<InstallObject> objects, List<SecretEntry> secrets, List<String> unread) {
    }

    private final ClusterGateway cluster;
    private final CaptureRules rules;
    private final Consumer<String> warnings;

    InstallReader(ClusterGateway cluster, CaptureRules rules, Consumer<String> warnings) {
        this.cluster = cluster;
        this.rules = rules;
        this.warnings = warnings;
    }

    Snapshot read() {
        List<InstallObject> objects = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        Set<String> namespaces = new HashSet<>();
        for (Map<String, Object> ns : list("v1", "Namespace", unread)) {
            namespaces.add(LeftOut.name(ns));
        }
        for (InstallKinds.Kind kind : InstallKinds.ALL) {
            for (Map<String, Object> live : list(kind.apiVersion(), kind.kind(), unread)) {
                if (takes(live, kind.namespaced(), kind.systemOnly(), namespaces)) {
                    objects.add(object(live));
                }
            }
        }
        for (InstallObject crd : List.copyOf(objects)) {
            if (crd.kind().equals("CustomResourceDefinition")) {
                readCustom(crd, objects, unread, namespaces);
            }
        }
        objects.sort(Comparator.comparingInt((InstallObject o) -> InstallKinds.rank(o.apiVersion(), o.kind()))
                .thenComparing(o -> o.namespace() == null ? "" : o.namespace()).thenComparing(InstallObject::name));
        return new Snapshot(objects, secrets(namespaces, unread), unread);
    }

    private boolean takes(Map<String, Object> live, boolean namespaced, boolean systemOnly, Set<String> namespaces) {
        String kind = String.valueOf(live.get("kind"));
        String namespace = namespaced ? LeftOut.namespace(live) : null;
        if (LeftOut.byDefault(live, kind)) {
            return false;
        }
        if (namespaced) {
            boolean system = rules.isSystemNamespace(namespace);
            if (!namespaces.contains(namespace) || (systemOnly && !system)
                    || (InstallKinds.BUILT_IN_NAMESPACES.contains(namespace) && !system)) {
                return false;
            }
        }
        return rules.takes(kind, namespace, LeftOut.name(live));
    }

    /** The custom resources of a captured definition, read at its storage version. */
    private void readCustom(InstallObject crd, List<InstallObject> objects, List<String> unread,
            Set<String> namespaces) {
        Map<String, Object> spec = map(crd.body().get("spec"));
        Map<String, Object> names = map(spec.get("names"));
        String version = null;
        for (Object v : spec.get("versions") instanceof List<?> l ? l : List.of()) {
            Map<String, Object> candidate = map(v);
            if (version == null || Boolean.TRUE.equals(candidate.get("storage"))) {
                version = String.valueOf(candidate.get("name"));
            }
        }
        if (version == null || names.get("kind") == null) {
            return;
        }
        boolean namespaced = !"Cluster".equals(spec.get("scope"));
        String apiVersion = spec.get("group") + "/" + version;
        for (Map<String, Object> live : list(apiVersion, String.valueOf(names.get("kind")), unread)) {
            if (takes(live, namespaced, false, namespaces)) {
                objects.add(object(live));
            }
        }
    }

    private List<SecretEntry> secrets(Set<String> namespaces, List<String> unread) {
        List<SecretEntry> secrets = new ArrayList<>();
        for (Map<String, Object> live : list("v1", "Secret", unread)) {
            String namespace = LeftOut.namespace(live);
            boolean inScope = namespaces.contains(namespace) && (!InstallKinds.BUILT_IN_NAMESPACES.contains(namespace)
                    || rules.isSystemNamespace(namespace));
            if (inScope && !LeftOut.secret(live) && rules.takes("Secret", namespace, LeftOut.name(live))) {
                secrets.add(new SecretEntry(namespace, LeftOut.name(live), (String) live.get("type")));
            }
        }
        secrets.sort(Comparator.comparing(SecretEntry::namespace).thenComparing(SecretEntry::name));
        return secrets;
    }

    /** The objects of a kind in every namespace; a kind the server does not serve or lets us read is said and left. */
    private List<Map<String, Object>> list(String apiVersion, String kind, List<String> unread) {
        try {
            return cluster.list(apiVersion, kind, null, Map.of());
        } catch (PaycliException e) {
            String why = kind + " (" + apiVersion + ") was not captured: " + e.getMessage();
            unread.add(why);
            warnings.accept(why);
            return List.of();
        }
    }

    private static InstallObject object(Map<String, Object> live) {
        Map<String, Object> body = ServerFields.strip(live);
        return new InstallObject(String.valueOf(live.get("apiVersion")), String.valueOf(live.get("kind")),
                LeftOut.namespace(live), LeftOut.name(live), body);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
