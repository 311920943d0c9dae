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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Checks, before the lock is taken and before anything changes, that the user of the context may do everything
 * the deploy (or diff) will do, and refuses with every missing permission named. The permissions come from
 * {@link RequiredAccess}, the same list {@code paycli rbac} prints.
 */
final class Preflight {
    private final ClusterGateway cluster;
    /** Atomic: the review may run on one of the gateway's request threads while the records are read. */
    private final AtomicInteger askedInNamespace = new AtomicInteger();

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
        missing.addAll(deniedWithRecords(asked, namespace, app, env,
                inRecords -> RequiredAccess.deploy(namespace, List.of(), List.of(), inRecords)));
        refuseIfMissing(missing, namespace, env);
    }

    /** {@code paycli diff} of {@code manifests}. */
    void diff(String namespace, String app, String env, List<Manifest> manifests) {
        List<Access> asked = RequiredAccess.diff(namespace, kinds(manifests), List.of());
        List<Access> missing = deniedWithRecords(asked, namespace, app, env,
                inRecords -> RequiredAccess.diff(namespace, List.of(), inRecords));
        refuseIfMissing(missing, namespace, env);
    }

    /**
     * What of {@code asked} is denied, and then what of the permissions the records in place need (from
     * {@code forRecords}, given the kinds in them), unless listing the records (Secrets) is denied itself. The
     * records are read while {@code asked} is reviewed: the two requests do not depend on each other. A record
     * that could not be read fails the check as before; when the user may not list them, that failure is the
     * missing permission, which is reported instead.
     */
    private List<Access> deniedWithRecords(List<Access> asked, String namespace, String app, String env,
                                           Function<List<Access>, List<Access>> forRecords) {
        List<Object> answers = cluster.concurrently(List.<Supplier<Object>>of(() -> denied(asked), () -> {
            try {
                return recordKinds(namespace, app, env);
            } catch (RuntimeException e) {
                return e;
            }
        }));
        @SuppressWarnings("unchecked")
        List<Access> missing = new ArrayList<>((List<Access>) answers.get(0));
        if (!missing.contains(new Access("list", "", "secrets", namespace))) {
            if (answers.get(1) instanceof RuntimeException failure) {
                throw failure;
            }
            @SuppressWarnings("unchecked")
            List<Access> more = new ArrayList<>(forRecords.apply((List<Access>) answers.get(1)));
            more.removeAll(asked);
            missing.addAll(denied(more));
        }
        return missing;
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
        askedInNamespace.addAndGet((int) asks.stream().filter(a -> a.namespace() != null).count());
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
        if (!inNamespace.isEmpty() && inNamespace.size() == askedInNamespace.get()) {
            message.append(" (nothing there is granted: does namespace ").append(namespace).append(" exist?)");
        }
        message.append("; ask for the Role that 'paycli rbac -e ").append(env).append("' prints");
        throw new ClusterException(message.toString());
    }
}
