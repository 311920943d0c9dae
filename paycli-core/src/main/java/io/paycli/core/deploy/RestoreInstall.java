package io.paycli.core.deploy;

import io.paycli.core.archive.ArchiveSnapshot;
import io.paycli.core.archive.ClusterInstall;
import io.paycli.core.archive.InstallResult;
import io.paycli.core.cluster.ClusterConnector;
import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.model.ObjectRef;
import java.util.function.Consumer;

/**
 * Restore's first step: the source cluster's captured installation ({@code <cluster>/_cluster/}: namespaces, CRDs,
 * RBAC, classes, quotas, policies, system workloads), applied to the target before any app, since apps rely on it.
 * Its progress is one {@link Step#RESTORE} event pair whose object is of kind {@link #KIND}; an object that fails is
 * a warning, and the apps still go on (each may fail for it, and says so).
 */
final class RestoreInstall {
    /** The kind of the object that names the installation in RESTORE events. */
    static final String KIND = "Cluster";

    private final ClusterConnector connector;
    private final RestoreOptions options;

    RestoreInstall(ClusterConnector connector, RestoreOptions options) {
        this.connector = connector;
        this.options = options;
    }

    /** What the installation did; null when the source cluster was never captured (said as a warning). */
    InstallResult apply(ArchiveSnapshot source, Consumer<DeployEvent> events) {
        ClusterInstall install = source.install();
        if (install == null) {
            events.accept(DeployEvent.step(Step.RESTORE, Kind.WARNING, "the archive holds no capture of cluster "
                    + source.cluster() + ": only its apps are restored, into namespaces made bare (paycli cluster"
                    + " capture --context on the source keeps a cluster's installation for this)"));
            return null;
        }
        ObjectRef ref = new ObjectRef("paycli.io/v1", KIND, null, source.cluster());
        events.accept(new DeployEvent(Step.RESTORE, Kind.STARTED, ref, install.objects().size()
                + (install.objects().size() == 1 ? " captured object" : " captured objects")));
        try (ClusterGateway cluster = connector.connect(options.context())) {
            InstallResult result = install.apply(cluster, options.namespaceMap(), options.dryRun(), e -> {
                if (e.kind() == Kind.FAILED || e.kind() == Kind.WARNING) {
                    events.accept(new DeployEvent(Step.RESTORE, Kind.WARNING, e.object(), "cluster installation: "
                            + (e.object() == null ? "" : e.object().kind() + " " + name(e.object()) + ": ")
                            + e.message()));
                } else {
                    events.accept(e);
                }
            });
            events.accept(new DeployEvent(Step.RESTORE, result.succeeded() ? Kind.DONE : Kind.FAILED, ref,
                    summary(result, options.dryRun(), install.objects().size())));
            return result;
        }
    }

    /** "installed: applied 12, unchanged 3 of 15 captured objects" (or "would apply" in a dry run). */
    static String summary(InstallResult r, boolean dryRun, int objects) {
        return (r.succeeded() ? "installed: " : "installation failed: ") + (dryRun ? "would apply " : "applied ")
                + r.applied().size() + ", unchanged " + r.unchanged().size()
                + (r.failed().isEmpty() ? "" : ", failed " + r.failed().size()) + " of " + objects
                + (objects == 1 ? " captured object" : " captured objects");
    }

    private static String name(ObjectRef ref) {
        return ref.namespace() == null ? ref.name() : ref.namespace() + "/" + ref.name();
    }
}
