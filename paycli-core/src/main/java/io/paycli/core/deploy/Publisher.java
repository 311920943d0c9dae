package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.AppConfig;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.model.EnvConfig;
import io.paycli.core.model.NotifyTarget;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hands each step that changed the cluster to the release sinks, in order. Nothing a sink does, and nothing that
 * goes wrong while telling the sinks what is in place, reaches the caller: a step that succeeded stays succeeded.
 */
final class Publisher {
    private final List<ReleaseSink> sinks;

    Publisher(List<ReleaseSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    /**
     * @param contextName the kube context in use, by name (the cluster's name unless the environment sets
     *                    clusterName)
     */
    void publish(Published.Action action, Release release, ClusterGateway cluster, AppConfig app, EnvConfig env,
                 String contextName, Consumer<DeployEvent> events) {
        publish(action, release, cluster, env.clusterName() != null ? env.clusterName() : contextName, contextName,
                app.notifyTargets(), events);
    }

    /** For a step run without paycli.yaml (reconcile): the cluster is named by its context, no app targets. */
    void publish(Published.Action action, Release release, ClusterGateway cluster, String clusterName,
                 String contextName, List<NotifyTarget> notifyTargets, Consumer<DeployEvent> events) {
        if (sinks.isEmpty() || release == null) {
            return;
        }
        Published published = new Published(action, release, inPlace(release, cluster), clusterName, contextName,
                notifyTargets, null);
        for (ReleaseSink sink : sinks) {
            try {
                published = sink.released(published, events);
            } catch (RuntimeException e) {
                // A sink must not throw; if one does, the step's outcome still stands and the next sink still runs.
                events.accept(DeployEvent.step(Step.RECORD, Kind.WARNING, sink.getClass().getSimpleName()
                        + " failed: " + e));
            }
        }
    }

    /** The last successful revision after the step: the release itself when it succeeded. */
    private static Release inPlace(Release release, ClusterGateway cluster) {
        if (release.result() == Result.SUCCEEDED) {
            return release;
        }
        try {
            return cluster.releases(release.namespace()).list(release.app(), release.env()).stream()
                    .filter(r -> r.result() == Result.SUCCEEDED).findFirst().orElse(null);
        } catch (PaycliException e) {
            return null; // the server is gone (a lost deploy): the sinks record what was tried
        }
    }
}
