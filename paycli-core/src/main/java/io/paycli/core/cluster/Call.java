package io.paycli.core.cluster;

import io.paycli.core.model.ObjectRef;

/**
 * One request as a message names it: the verb and the resource, such as "apply Deployment promotion/web" or
 * "list Deployments in namespace promotion".
 */
record Call(String verb, String apiVersion, String kind, String namespace, String name) {

    static Call on(String verb, ObjectRef ref) {
        return new Call(verb, ref.apiVersion(), ref.kind(), ref.namespace(), ref.name());
    }

    /** A request on every object of a kind in a namespace (list, watch). */
    static Call onKind(String verb, String apiVersion, String kind, String namespace) {
        return new Call(verb, apiVersion, kind, namespace, null);
    }

    String resource() {
        if (name == null) {
            return namespace == null ? kind : kind + " objects in namespace " + namespace;
        }
        return namespace == null ? kind + " " + name : kind + " " + namespace + "/" + name;
    }

    /** "apply Deployment promotion/web". */
    String describe() {
        return verb + " " + resource();
    }
}
