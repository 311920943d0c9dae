package io.paycli.core.deploy;

import io.paycli.core.cluster.Access;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every permission paycli uses, in one place: the preflight checks these before anything changes, and
 * {@code paycli rbac} prints them as a Role, so the two cannot drift apart. Kinds are given as resources
 * (group and plural, from {@link io.paycli.core.cluster.ClusterGateway#resourceOf} or
 * {@link io.paycli.core.cluster.KindResources}).
 */
final class RequiredAccess {
    /** The Lease that is the deploy lock. */
    static final Access LEASES = new Access(null, "coordination.k8s.io", "leases", null);
    /** The Secrets that hold the release records. */
    static final Access SECRETS = new Access(null, "", "secrets", null);
    static final Access NAMESPACES = new Access(null, "", "namespaces", null);
    private static final Access PODS = new Access(null, "", "pods", null);
    private static final Access EVENTS = new Access(null, "", "events", null);

    private RequiredAccess() {
    }

    /**
     * A deploy, its automatic rollback and {@code paycli rollback}: server-side apply (get, patch, and create,
     * since an apply that creates an object is also authorised as a create), prune (delete) of the applied kinds
     * and of those in the records in place, list and watch of the kinds waited for, the lock and the records.
     */
    static List<Access> deploy(String namespace, Collection<Access> applied, Collection<Access> waited,
                               Collection<Access> inRecords) {
        Set<Access> needs = new LinkedHashSet<>();
        for (Access kind : applied) {
            add(needs, namespace, kind, "get", "patch", "create", "delete");
        }
        for (Access kind : inRecords) {
            add(needs, namespace, kind, "get", "delete");
        }
        for (Access kind : waited) {
            add(needs, namespace, kind, "list", "watch");
        }
        add(needs, namespace, LEASES, "get", "create", "update", "delete");
        add(needs, namespace, SECRETS, "get", "list", "patch", "create", "delete");
        return new ArrayList<>(needs);
    }

    /** {@code paycli diff}: a server-side dry-run apply, the live objects, and the records for what would go. */
    static List<Access> diff(String namespace, Collection<Access> applied, Collection<Access> inRecords) {
        Set<Access> needs = new LinkedHashSet<>();
        for (Access kind : applied) {
            add(needs, namespace, kind, "get", "patch", "create");
        }
        for (Access kind : inRecords) {
            add(needs, namespace, kind, "get");
        }
        add(needs, namespace, SECRETS, "list");
        return new ArrayList<>(needs);
    }

    /** {@code status} and {@code history}: the records and the live objects of the current revision. */
    static List<Access> read(String namespace, Collection<Access> kinds) {
        Set<Access> needs = new LinkedHashSet<>();
        for (Access kind : kinds) {
            add(needs, namespace, kind, "get");
        }
        add(needs, namespace, SECRETS, "get", "list");
        return new ArrayList<>(needs);
    }

    /**
     * Not required: the wait reads pods and Warning events only to say why pods are not ready. Without these
     * the progress output says less; a deploy that lacks them is not refused.
     */
    static List<Access> bestEffort(String namespace) {
        Set<Access> needs = new LinkedHashSet<>();
        add(needs, namespace, PODS, "list", "watch");
        add(needs, namespace, EVENTS, "list", "watch");
        return new ArrayList<>(needs);
    }

    /** {@code --create-namespace} reads the namespace (a namespace-scoped permission on itself). */
    static Access readNamespace(String namespace) {
        return new Access("get", "", NAMESPACES.resource(), namespace);
    }

    /** ... and creates it, at the cluster scope, only when it does not exist. */
    static Access createNamespace() {
        return new Access("create", "", NAMESPACES.resource(), null);
    }

    private static void add(Set<Access> needs, String namespace, Access kind, String... verbs) {
        for (String verb : verbs) {
            needs.add(new Access(verb, kind.group(), kind.resource(), namespace));
        }
    }
}
