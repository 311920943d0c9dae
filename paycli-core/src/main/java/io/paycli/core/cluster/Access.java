package io.paycli.core.cluster;

/**
 * One permission as RBAC names it: a verb on a resource (plural, with any subresource) of an API group, in a
 * namespace, or at the cluster scope when {@code namespace} is null.
 */
public record Access(String verb, String group, String resource, String namespace) {

    /** The resource as kubectl and RBAC messages name it: deployments.apps, or secrets for the core group. */
    public String qualifiedResource() {
        return group.isEmpty() ? resource : resource + "." + group;
    }

    /** "patch deployments.apps". */
    public String describe() {
        return verb + " " + qualifiedResource();
    }
}
