package io.paycli.core.model;

/** Names one object in a cluster. {@code namespace} is null for cluster-scoped kinds. */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {
    public static ObjectRef of(Manifest m) {
        return new ObjectRef(m.apiVersion(), m.kind(), m.namespace(), m.name());
    }

    @Override
    public String toString() {
        return namespace == null ? kind + " " + name : kind + " " + namespace + "/" + name;
    }
}
