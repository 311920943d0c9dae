package io.paycli.core.deploy;

import io.paycli.core.cluster.Access;
import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.error.ClusterException;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import io.paycli.core.render.ManifestYaml;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks, before the lock is taken and before anything changes, that the user of the context may do everything
 * the deploy (or diff) will do, and refuses with every missing permission named. The permissions come from
 * {@link RequiredAccess}, the same list {@code paycli rbac} prints.
 */
final class Preflight {
    private final ClusterGateway cluster;
    private int askedInNamespace;

    Preflight(ClusterGateway cluster) {
        this.cluster = cluster;
    }

    /** A deploy or rollback of {@code manifests}; with {@code createNamespace}, also reading or creating it. */
    void deploy(String namespace, String app, String env, List<Manifest> manifests, boolean createNamespace) {
        List<Access> missing = new ArrayList<>();
        if (createNamespace) {
            missing.addAll(denied(List.of(RequiredAccess.readNamespace(namespace))));
            if (missing.isEmpty() && cluster.get(new ObjectRef("v1", "Namespace", null, namespace)).isEmpty()) {
                missing.addAll(denied(List.of(RequiredAccess.createNamespace())));
            }
        }
        List<Access> applied = kinds(manifests);
        List<Access> waited = kinds(manifests.stream().filter(m -> Rollout.WAITED_KINDS.contains(m.kind())).toList());
        List<Access> asked = RequiredAccess.deploy(namespace, applied, waited, List.of());
        missing.addAll(denied(asked));
        if (!missing.contains(new Access("list", "", "secrets", namespace))) {
            List<Access> more = new ArrayList<>(RequiredAccess.deploy(namespace, List.of(), List.of(),
                    recordKinds(namespace, app, env)));
            more.removeAll(asked);
            missing.addAll(denied(more));
        }
        refuseIfMissing(missing, namespace, env);
    }

    /** {@code paycli diff} of {@code manifests}. */
    void diff(String namespace, String app, String env, List<Manifest> manifests) {
        List<Access> asked = RequiredAccess.diff(namespace, kinds(manifests), List.of());
        List<Access> missing = new ArrayList<>(denied(asked));
        if (!missing.contains(new Access("list", "", "secrets", namespace))) {
            List<Access> more = new ArrayList<>(RequiredAccess.diff(namespace, List.of(),
                    recordKinds(namespace, app, env)));
            more.removeAll(asked);
            missing.addAll(denied(more));
        }
        refuseIfMissing(missing, namespace, env);
    }

    /** The kinds of the records in place, which a prune may read and delete. */
    private List<Access> recordKinds(String namespace, String app, String env) {
        List<Manifest> inPlace = new ArrayList<>();
        for (Release r : PruneCandidates.inPlace(cluster.releases(namespace).list(app, env))) {
            inPlace.addAll(ManifestYaml.readManifests(r.manifests(), "revision " + r.revision()));
        }
        return kinds(inPlace);
    }

    private List<Access> kinds(List<Manifest> manifests) {
        Set<Access> kinds = new LinkedHashSet<>();
        for (Manifest m : manifests) {
            try {
                kinds.add(cluster.resourceOf(m.apiVersion(), m.kind()));
            } catch (InvalidInputException e) {
                // A kind the server no longer serves has no objects left to read or delete.
            }
        }
        return new ArrayList<>(kinds);
    }

    /** Asks the server, counting the namespaced asks to tell "nothing granted" from "a few missing". */
    private List<Access> denied(List<Access> asks) {
        askedInNamespace += (int) asks.stream().filter(a -> a.namespace() != null).count();
        return cluster.denied(asks);
    }

    private void refuseIfMissing(List<Access> missing, String namespace, String env) {
        if (missing.isEmpty()) {
            return;
        }
        List<String> inNamespace = missing.stream().filter(a -> a.namespace() != null).map(Access::describe).toList();
        List<String> clusterWide = missing.stream().filter(a -> a.namespace() == null).map(Access::describe).toList();
        StringBuilder message = new StringBuilder("forbidden before any change: the user of context ")
                .append(cluster.context()).append(" cannot ");
        if (!inNamespace.isEmpty()) {
            message.append(String.join(", ", inNamespace)).append(" in namespace ").append(namespace);
        }
        if (!clusterWide.isEmpty()) {
            message.append(inNamespace.isEmpty() ? "" : ", nor ").append(String.join(", ", clusterWide))
                    .append(" at the cluster scope");
        }
        if (!inNamespace.isEmpty() && inNamespace.size() == askedInNamespace) {
            message.append(" (nothing there is granted: does namespace ").append(namespace).append(" exist?)");
        }
        message.append("; ask for the Role that 'paycli rbac -e ").append(env).append("' prints");
        throw new ClusterException(message.toString());
    }
}
